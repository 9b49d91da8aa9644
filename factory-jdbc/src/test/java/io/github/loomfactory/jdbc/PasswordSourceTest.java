package io.github.loomfactory.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** libpq's password rules: PGPASSWORD, then PGPASSFILE or ~/.pgpass, first matching line, wildcards and escapes. */
class PasswordSourceTest {
    @TempDir
    Path home;

    private void pgpass(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void pgpasswordComesFirst() throws Exception {
        pgpass(home.resolve(".pgpass"), "*:*:*:*:from-file\n");
        var source = PasswordSource.of(Map.of("PGPASSWORD", "from-env"), home);
        assertEquals(Optional.of("from-env"), source.password("h", 5432, "db", "u"));
    }

    @Test
    void theFirstMatchingLineOfPgpassGivesThePassword() throws Exception {
        pgpass(home.resolve(".pgpass"), "# hosts\nother:5432:db:u:no\nh:5433:*:u:no\nh:5432:*:u:yes\n*:*:*:*:fallback\n");
        var source = PasswordSource.of(Map.of(), home);
        assertEquals(Optional.of("yes"), source.password("h", 5432, "db", "u"));
        assertEquals(Optional.of("fallback"), source.password("x", 1, "y", "z"));
    }

    @Test
    void pgpassfileNamesAnotherFile() throws Exception {
        pgpass(home.resolve(".pgpass"), "*:*:*:*:home\n");
        Path other = home.resolve("other");
        pgpass(other, "*:*:*:*:other\n");
        assertEquals(Optional.of("other"), PasswordSource.of(Map.of("PGPASSFILE", other.toString()), home).password("h", 1, "d", "u"));
    }

    @Test
    void escapedColonsAndBackslashesBelongToTheirField() {
        assertArrayEquals(new String[] {"h:1", "5432", "d\\b", "u", "pa:ss:word"}, PasswordFile.fields("h\\:1:5432:d\\\\b:u:pa\\:ss:word"));
    }

    @Test
    void aFileTheGroupOrOthersMayReadIsIgnored() throws Exception {
        Files.writeString(home.resolve(".pgpass"), "*:*:*:*:secret\n");
        Files.setPosixFilePermissions(home.resolve(".pgpass"), PosixFilePermissions.fromString("rw-r-----"));
        assertEquals(Optional.empty(), PasswordSource.of(Map.of(), home).password("h", 1, "d", "u"));
    }

    @Test
    void noVariableAndNoFileMeansNoPassword() {
        assertEquals(Optional.empty(), PasswordSource.of(Map.of(), home).password("h", 1, "d", "u"));
    }
}
