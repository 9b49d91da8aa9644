package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.jdbc.DuckDbSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code --warehouse} values become warehouse settings, and the one-line errors for bad ones. */
class WarehousesTest {

    @Test
    void aPostgresqlUriNamesUserHostPortDatabaseTableKeyAndSchema() {
        var target = assertInstanceOf(Warehouses.Postgres.class,
                Warehouses.parse("postgresql://loom@127.0.0.1:5433/flows?table=all%20flows&key=src_addr,first_seen&schema=net"));
        var settings = target.settings();
        assertEquals("loom", settings.user());
        assertEquals("127.0.0.1", settings.host());
        assertEquals(5433, settings.port());
        assertEquals("flows", settings.database());
        assertEquals("all flows", settings.table());
        assertEquals(List.of("src_addr", "first_seen"), settings.key());
        assertEquals("net", settings.schema());
        assertEquals(Map.of(), settings.properties());
    }

    @Test
    void aPostgresqlUriDefaultsThePortAndPassesPgjdbcPropertiesThrough() {
        var settings = assertInstanceOf(Warehouses.Postgres.class, Warehouses.parse("postgresql://db.example/flows?sslmode=require")).settings();
        assertEquals(5432, settings.port());
        assertEquals("", settings.table());
        assertEquals(List.of(), settings.key());
        assertEquals(Map.of("sslmode", "require"), settings.properties());
    }

    @Test
    void aPasswordInTheUriIsRefusedWithoutEchoingIt() {
        for (String uri : List.of("postgresql://loom:hunter2@localhost/flows", "postgresql://loom@localhost/flows?password=hunter2")) {
            var failure = assertThrows(UsageException.class, () -> Warehouses.parse(uri));
            assertTrue(failure.getMessage().contains("put no password in the URI"), failure.getMessage());
            assertTrue(!failure.getMessage().contains("hunter2"), failure.getMessage());
        }
    }

    @Test
    void badPostgresqlUrisAreOneLineErrorsNamingTheMistake() {
        assertError("postgresql://loom@localhost/", "names no database");
        assertError("postgresql://loom@localhost", "names no database");
        assertError("postgresql:///flows", "names no host");
        assertError("postgresql://loom@localhost/flows?tabel=x", "unknown parameter 'tabel' (table, key, schema, or a pgjdbc property");
        assertError("postgresql://loom@localhost/flows?key=a,,b", "key=a,,b names an empty column");
        assertError("postgresql://loom@localhost/flows?key=a,a", "key names column a twice");
        assertError("postgresql://loom@localhost/flows?table=a&table=b", "parameter 'table' given twice");
        assertError("postgresql://loom@localhost/flows?table", "bad parameter 'table'");
        assertError("postgresql://loom@local host/flows", "bad URI");
        assertError("postgresql://loom@localhost:99999/flows", "port must be 1 to 65535: 99999");
    }

    @Test
    void aDuckdbPathNamesFileTableKeyAndOptions(@TempDir Path dir) {
        var settings = assertInstanceOf(Warehouses.DuckDb.class,
                Warehouses.parse("duckdb:" + dir.resolve("f.duckdb") + "?table=flows&key=a,b&memory_limit=1GB")).settings();
        assertEquals(dir.resolve("f.duckdb"), settings.path());
        assertEquals("flows", settings.table());
        assertEquals(List.of("a", "b"), settings.key());
        assertEquals(Map.of("memory_limit", "1GB", DuckDbSettings.STORAGE_COMPATIBILITY, DuckDbSettings.STORAGE_DEFAULT), settings.properties());
    }

    @Test
    void badDuckdbValuesAreOneLineErrors(@TempDir Path dir) throws Exception {
        assertError("duckdb:", "needs a database file after 'duckdb:'");
        assertError("duckdb:?table=x", "needs a database file after 'duckdb:'");
        Files.createDirectories(dir.resolve("d"));
        assertError("duckdb:" + dir.resolve("d"), "is a directory, not a DuckDB database file");
        assertError("duckdb:x.duckdb?key=", "key= names an empty column");
    }

    @Test
    void anUnknownKindListsEveryForm() {
        assertError("kafka-ish:x", "--warehouse must be jsonl:DIR, csv:DIR, postgresql://USER@HOST:PORT/DB[?table=T&key=C1,C2&schema=S]"
                + " or duckdb:PATH[?table=T&key=C1,C2], not 'kafka-ish:x'");
    }

    private static void assertError(String value, String expected) {
        var failure = assertThrows(UsageException.class, () -> Warehouses.parse(value), value);
        assertTrue(failure.getMessage().contains(expected), value + ": " + failure.getMessage());
        assertEquals(1, failure.getMessage().lines().count(), failure.getMessage());
    }
}
