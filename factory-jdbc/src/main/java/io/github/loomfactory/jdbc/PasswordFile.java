package io.github.loomfactory.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** libpq's password file: the first line matching host, port, database and user gives the password. */
final class PasswordFile {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordSource.class);
    private static final Set<PosixFilePermission> TOO_OPEN = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private PasswordFile() {
    }

    static Optional<String> lookup(Path file, String host, int port, String database, String user) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            try {
                var permissions = Files.getPosixFilePermissions(file);
                if (permissions.stream().anyMatch(TOO_OPEN::contains)) {
                    LOG.warn("password file {} is ignored: its group or others may read it; chmod 0600 it", file);
                    return Optional.empty();
                }
            } catch (UnsupportedOperationException notPosix) {
                // libpq checks permissions on Unix only
            }
            String[] wanted = {host, Integer.toString(port), database, user};
            for (String line : Files.readAllLines(file)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                var fields = fields(line);
                if (fields.length == 5 && matches(fields, wanted)) {
                    return Optional.of(fields[4]);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("password file {} cannot be read: {}", file, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static boolean matches(String[] fields, String[] wanted) {
        for (int i = 0; i < wanted.length; i++) {
            boolean hostMatch = i == 0 && fields[0].equals("localhost") && wanted[0].startsWith("/");
            if (!fields[i].equals("*") && !fields[i].equals(wanted[i]) && !hostMatch) {
                return false;
            }
        }
        return true;
    }

    /** The fields of one line; a field's {@code \:} and {@code \\} are unescaped. */
    static String[] fields(String line) {
        var fields = new ArrayList<String>();
        var field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields.toArray(String[]::new);
    }
}
