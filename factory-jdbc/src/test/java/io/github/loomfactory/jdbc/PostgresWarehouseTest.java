package io.github.loomfactory.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.FactoryException;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Warehouse;
import io.github.loomfactory.core.Factory;
import io.github.loomfactory.core.FactorySettings;
import io.github.loomfactory.jdbc.TestProducts.Reading;
import io.github.loomfactory.jdbc.TestProducts.Row;
import io.github.loomfactory.jdbc.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link PostgresWarehouse} on a real, throwaway PostgreSQL server; each test in a schema of its own. */
class PostgresWarehouseTest extends WarehouseSuite {
    @RegisterExtension
    static final PostgresServer SERVER = new PostgresServer();
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private String schema;

    @BeforeEach
    void freshSchema() throws SQLException {
        schema = "test_" + SCHEMAS.incrementAndGet();
        try (Connection c = SERVER.connect(); var s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
    }

    @Override
    <P extends Product> Warehouse<P> warehouse(String table, List<String> key) {
        return PostgresWarehouse.of(SERVER.settings().schema(schema).table(table).key(key).build());
    }

    @Override
    Connection connection() throws SQLException {
        Connection c = SERVER.connect();
        try (var s = c.createStatement()) {
            s.execute("SET search_path TO " + schema);
        }
        return c;
    }

    @Override
    Map<String, String> everythingTypes() {
        var types = new LinkedHashMap<String, String>();
        types.put("id", "bigint");
        types.put("count", "integer");
        types.put("ratio", "double precision");
        types.put("flag", "boolean");
        types.put("text", "text");
        types.put("at", "timestamp with time zone");
        types.put("color", "text");
        types.put("nested", "jsonb");
        types.put("boxed", "bigint");
        types.put("tags", "jsonb");
        return types;
    }

    @Override
    Map<String, String> columnTypes(String table) throws SQLException {
        var types = new LinkedHashMap<String, String>();
        for (var row : rows("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = to_regclass('"
                + schema + "." + table + "') AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
            types.put((String) row.get(0), (String) row.get(1));
        }
        return types;
    }

    @Override
    String jsonText(String column, String field) {
        return Identifiers.quote(column) + "->>'" + field + "'";
    }

    @Override
    String bigint() {
        return "bigint";
    }

    @Override
    String integer() {
        return "integer";
    }

    @Override
    String tableName(String pclass) {
        return Identifiers.tableFor(pclass, Identifiers.POSTGRES_MAX_BYTES);
    }

    @Test
    void nestedValuesAreJsonb() throws Exception {
        ship(open("", List.of()), "everything", List.of(everything(3)));
        assertEquals(List.of(List.of("n3", "3", "2")), rows("SELECT nested->>'name', nested->'values'->>2, tags->>'b \"q\"' FROM everything"));
    }

    @Test
    void textHoldingU0000FailsNamingTheComponent() {
        var failure = assertThrows(FactoryException.class, () -> ship(open("", List.of()), "rows", List.of(new Row(1, 1, "a\0b"))));
        assertTrue(failure.getMessage().contains("component text holds U+0000"), failure.getMessage());
    }

    @Test
    void aWrongPasswordFailsNamingTheServerButNotThePassword() {
        String wrong = "wrong-password-123";
        var warehouse = PostgresWarehouse.<Row>of(SERVER.settings().schema(schema)
                .passwords(PasswordSource.of(Map.of("PGPASSWORD", wrong), Path.of("/nonexistent"))).build());
        var failure = assertThrows(FactoryException.class, () -> ship(warehouse, "rows", List.of(new Row(1, 1, "x"))));
        assertTrue(failure.getMessage().startsWith("postgresql 127.0.0.1:" + SERVER.port() + "/postgres: cannot connect as user loom"),
                failure.getMessage());
        assertFalse(failure.getMessage().contains(wrong), failure.getMessage());
    }

    @Test
    void thePasswordComesFromAPasswordFileWhenPgpasswordIsUnset(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pass");
        Files.writeString(file, "# comment\nother:*:*:*:nope\n127.0.0.1:" + SERVER.port() + ":*:loom:" + PostgresServer.PASSWORD + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        var warehouse = PostgresWarehouse.<Row>of(SERVER.settings().schema(schema)
                .passwords(PasswordSource.of(Map.of("PGPASSFILE", file.toString()), dir)).build());
        ship(warehouse, "rows", List.of(new Row(1, 1, "x")));
        warehouse.close();
        assertEquals(1, count("rows"));
    }

    @Test
    void aPasswordFileOthersMayReadIsIgnored(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".pgpass"), "*:*:*:*:" + PostgresServer.PASSWORD + "\n");
        Files.setPosixFilePermissions(dir.resolve(".pgpass"), PosixFilePermissions.fromString("rw-r--r--"));
        var warehouse = PostgresWarehouse.<Row>of(SERVER.settings().schema(schema).passwords(PasswordSource.of(Map.of(), dir)).build());
        var failure = assertThrows(FactoryException.class, () -> ship(warehouse, "rows", List.of(new Row(1, 1, "x"))));
        assertTrue(failure.getMessage().contains("cannot connect"), failure.getMessage());
    }

    @Test
    void aServerRestartMidRunLosesNoRowAndDoublesNone() throws Exception {
        int pids = 1000;
        int per = 40;
        long before = SERVER.pid();
        var settings = FactorySettings.builder().shipmentSize(200).shipmentAge(Duration.ofMillis(20))
                .warehouseRetries(10).retryBackoff(Duration.ofMillis(100)).build();
        try (var factory = Factory.builder(new TestProducts.Map1(), this.<Row>open("", List.of("pid", "seq"))).settings(settings).start()) {
            for (int seq = 0; seq < per; seq++) {
                for (int pid = 0; pid < pids; pid++) {
                    factory.purchase(new Reading((long) pid, seq));
                }
                if (seq == per / 2) {
                    awaitRows(1);
                    SERVER.restart();
                }
            }
        }
        assertNotEquals(before, SERVER.pid(), "the server was restarted");
        assertEquals(List.of(List.of((long) pids * per, (long) pids * per)),
                rows("SELECT count(*), count(DISTINCT (pid, seq)) FROM \"rows\"").stream()
                        .map(row -> List.of(((Number) row.get(0)).longValue(), ((Number) row.get(1)).longValue())).toList());
    }

    private void awaitRows(long rows) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (count("rows") < rows) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no rows arrived in 60 s");
            }
            Thread.sleep(10);
        }
    }

    @Override
    long count(String table) throws SQLException {
        try {
            return super.count(table);
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return 0; // not created yet
            }
            throw e;
        }
    }
}
