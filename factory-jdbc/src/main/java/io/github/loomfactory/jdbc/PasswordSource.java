package io.github.loomfactory.jdbc;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a PostgreSQL password comes from: never the command line, never a log.
 *
 * <p>{@link #standard()} follows libpq: the {@code PGPASSWORD} environment variable, else the
 * first matching line of the password file named by {@code PGPASSFILE}, else of
 * {@code ~/.pgpass}; else none (trust, peer or certificate authentication). A password file is a
 * line per entry, {@code hostname:port:database:username:password}, where {@code *} matches
 * anything, {@code \:} and {@code \\} stand for {@code :} and {@code \}, and lines starting with
 * {@code #} are comments. Like libpq, a password file that its group or others may read is
 * ignored, with a warning that names the file (never its content).
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface PasswordSource {

    /**
     * Returns the password for one connection, if there is one.
     *
     * @param host the server's host name or address
     * @param port its port
     * @param database the database
     * @param user the user
     * @return the password, or empty to connect without one
     */
    Optional<String> password(String host, int port, String database, String user);

    /**
     * Returns libpq's rules on this process's environment and home directory.
     *
     * @return {@code PGPASSWORD}, then {@code PGPASSFILE} or {@code ~/.pgpass}
     */
    static PasswordSource standard() {
        return of(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * Returns libpq's rules on the given environment and home directory.
     *
     * @param environment the environment variables to read {@code PGPASSWORD} and {@code PGPASSFILE} from
     * @param home the home directory holding {@code .pgpass}
     * @return the password source
     */
    static PasswordSource of(Map<String, String> environment, Path home) {
        Map<String, String> env = Map.copyOf(environment);
        Objects.requireNonNull(home, "home");
        return (host, port, database, user) -> {
            String password = env.get("PGPASSWORD");
            if (password != null) {
                return Optional.of(password);
            }
            String named = env.get("PGPASSFILE");
            return PasswordFile.lookup(named != null ? Path.of(named) : home.resolve(".pgpass"), host, port, database, user);
        };
    }

    /**
     * Returns a source that never has a password.
     *
     * @return no password, for every connection
     */
    static PasswordSource none() {
        return (host, port, database, user) -> Optional.empty();
    }
}
