package io.github.loomfactory.jdbc.testing;

import io.github.loomfactory.jdbc.PasswordSource;
import io.github.loomfactory.jdbc.PostgresSettings;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throwaway PostgreSQL cluster for the tests of one class: {@code initdb} into a temporary
 * directory and {@code pg_ctl start} on a free loopback port, from the machine's PostgreSQL server
 * binaries ({@code /usr/lib/postgresql/N/bin}, the newest N; {@code ./test} installs Debian's
 * {@code postgresql} when there is none), and stopped by its PID when the class is done (also on
 * JVM exit, as a fallback). initdb refuses to run as root: as root every server command runs as
 * the package's {@code postgres} user ({@code runuser -u postgres --}).
 *
 * <p>TCP connections authenticate the superuser {@value #USER} by password ({@code scram-sha-256}),
 * so the tests go through {@link PasswordSource}; the server's own unix socket (in the temporary
 * directory) trusts, for {@code pg_ctl}. Durability is traded for speed (fsync off): a test never
 * crashes the machine.
 *
 * {@snippet :
 * @RegisterExtension
 * static final PostgresServer SERVER = new PostgresServer();
 * }
 */
public final class PostgresServer implements BeforeAllCallback, AfterAllCallback {
    public static final String USER = "loom";
    public static final String PASSWORD = "secret-" + Long.toHexString(System.nanoTime());
    private static final long WAIT_SECONDS = 120;

    private Path dir;
    private Path data;
    private Path bin;
    private int port;
    private Thread fallback;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    /** Creates and starts the cluster. */
    public void start() throws IOException, InterruptedException {
        bin = binaries();
        dir = Files.createTempDirectory("loom-pg");
        data = dir.resolve("data");
        Path pwfile = dir.resolve("pwfile");
        Files.writeString(pwfile, PASSWORD + "\n");
        if (isRoot()) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
            run(List.of("chmod", "700", dir.toString()), false);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + pwfile, "-E", "UTF8",
                "--no-locale", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync"), true);
        Files.deleteIfExists(pwfile);
        fallback = new Thread(this::stopQuietly, "postgres-server-stop");
        Runtime.getRuntime().addShutdownHook(fallback);
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            port = freePort();
            try {
                pgCtl("start", "-l", dir.resolve("server.log").toString(), "-o", options());
                return;
            } catch (IOException e) {
                last = e; // the port may have been taken meanwhile: try another
            }
        }
        throw last;
    }

    /** {@code pg_ctl restart -m fast}: clients are disconnected, open transactions rolled back. */
    public void restart() throws IOException, InterruptedException {
        pgCtl("restart", "-m", "fast", "-l", dir.resolve("server.log").toString(), "-o", options());
    }

    /** The postmaster's PID, from {@code postmaster.pid}. */
    public long pid() throws IOException {
        return Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).getFirst().trim());
    }

    /** Stops the cluster at once and removes its directory. */
    public void stop() throws IOException, InterruptedException {
        if (dir == null) {
            return;
        }
        try {
            if (Files.exists(data.resolve("postmaster.pid"))) {
                long pid = pid();
                pgCtl("stop", "-m", "immediate");
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            dir = null;
            if (fallback != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(fallback);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or has run
                }
            }
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (IOException | InterruptedException e) {
            System.err.println("postgres-server: cannot stop the cluster in " + dir + ": " + e);
        }
    }

    public int port() {
        return port;
    }

    /** Settings for this server's {@code postgres} database, with the password from PGPASSWORD. */
    public PostgresSettings.Builder settings() {
        return PostgresSettings.builder().host("127.0.0.1").port(port).database("postgres").user(USER)
                .passwords(PasswordSource.of(Map.of("PGPASSWORD", PASSWORD), dir));
    }

    /** A plain JDBC connection for the tests' own statements and queries (auto-commit). */
    public Connection connect() throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", properties);
    }

    private String options() {
        return "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
                + " -c full_page_writes=off -c max_connections=50";
    }

    private void pgCtl(String... args) throws IOException, InterruptedException {
        var command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-t", Long.toString(WAIT_SECONDS)));
        command.addAll(List.of(args));
        run(command, true);
    }

    private void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
        var full = new ArrayList<String>();
        if (asPostgres && isRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path output = Files.createTempFile("loom-pg-cmd", ".out");
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile())
                    .directory(Path.of("/").toFile()).start();
            if (!process.waitFor(WAIT_SECONDS + 30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", full) + " did not finish in " + (WAIT_SECONDS + 30) + " s");
            }
            if (process.exitValue() != 0) {
                String log = dir != null && Files.exists(dir.resolve("server.log"))
                        ? Files.readString(dir.resolve("server.log"), StandardCharsets.UTF_8) : "";
                throw new IOException(String.join(" ", full) + " failed (exit " + process.exitValue() + "): "
                        + Files.readString(output, StandardCharsets.UTF_8) + log);
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                var found = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparingInt(b -> version(b.getParent().getFileName().toString())));
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        throw new IOException("no PostgreSQL server binaries in /usr/lib/postgresql/*/bin: run ./test once as root,"
                + " or 'apt-get install postgresql'");
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
