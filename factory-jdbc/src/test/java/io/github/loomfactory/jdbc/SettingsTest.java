package io.github.loomfactory.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings records: defaults, validation and its messages. */
class SettingsTest {

    @Test
    void postgresDefaultsToLocalhostThePortAndTheUsersDatabase() {
        var settings = PostgresSettings.builder().user("ann").build();
        assertEquals("localhost", settings.host());
        assertEquals(5432, settings.port());
        assertEquals("ann", settings.database());
        assertEquals("", settings.schema());
        assertEquals("", settings.table());
        assertEquals(List.of(), settings.key());
        assertEquals("localhost:5432/ann", settings.address());
    }

    @Test
    void postgresRefusesBadValuesNamingTheSetting() {
        assertMessage("port must be 1 to 65535: 0", () -> PostgresSettings.builder().port(0).build());
        assertMessage("host must be a host name", () -> PostgresSettings.builder().host("a/b").build());
        assertMessage("key names column a twice", () -> PostgresSettings.builder().key(List.of("a", "a")).build());
        assertMessage("properties must not hold 'password'", () -> PostgresSettings.builder().properties(Map.of("password", "x")).build());
        assertMessage("'tabel' is no pgjdbc connection property", () -> PostgresSettings.builder().properties(Map.of("tabel", "x")).build());
        assertMessage("database must not be empty", () -> PostgresSettings.builder().database("").build());
    }

    @Test
    void postgresSettingsShowNoPassword() {
        var settings = PostgresSettings.builder().passwords(PasswordSource.of(Map.of("PGPASSWORD", "hunter2"), Path.of("/"))).build();
        assertFalse(settings.toString().contains("hunter2"), settings.toString());
        assertTrue(PostgresSettings.isDriverProperty("sslmode"));
    }

    @Test
    void duckDbDefaultsToFilesDuckDb15Reads() {
        var settings = DuckDbSettings.builder(Path.of("x.duckdb")).build();
        assertEquals(Map.of("storage_compatibility_version", "v1.5.0"), settings.properties());
        assertEquals("", settings.table());
        assertMessage("path must name a database file", () -> DuckDbSettings.builder(Path.of("")).build());
        assertMessage("key must not name an empty column", () -> DuckDbSettings.builder(Path.of("x")).key(List.of(" ")).build());
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable build) {
        var failure = assertThrows(IllegalArgumentException.class, build);
        assertTrue(failure.getMessage().contains(expected), failure.getMessage());
    }
}
