package io.github.loomfactory.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.FactoryException;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Shipment;
import io.github.loomfactory.api.Warehouse;
import io.github.loomfactory.core.Factory;
import io.github.loomfactory.core.FactorySettings;
import io.github.loomfactory.jdbc.TestProducts.Color;
import io.github.loomfactory.jdbc.TestProducts.Everything;
import io.github.loomfactory.jdbc.TestProducts.Nested;
import io.github.loomfactory.jdbc.TestProducts.Reading;
import io.github.loomfactory.jdbc.TestProducts.Row;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour both database warehouses share, run by {@link PostgresWarehouseTest} on a real
 * server and by {@link DuckDbWarehouseTest} on an embedded file: type mapping, table creation,
 * misfit messages, keys, nulls, Unicode, long strings and pclasses that are no SQL identifier.
 */
abstract class WarehouseSuite {
    private final List<Warehouse<?>> opened = new ArrayList<>();

    /** A warehouse into this test's own namespace (schema or file). */
    abstract <P extends Product> Warehouse<P> warehouse(String table, List<String> key);

    /** A connection to this test's namespace, for the test's own statements (auto-commit). */
    abstract Connection connection() throws SQLException;

    /** The expected type names of the columns of {@link Everything}, as the database names them. */
    abstract Map<String, String> everythingTypes();

    /** The column types of {@code table}, by column name, in order. */
    abstract Map<String, String> columnTypes(String table) throws SQLException;

    /** An SQL expression for text field {@code field} of JSON column {@code column}. */
    abstract String jsonText(String column, String field);

    /** The type name of {@code long} columns, and of {@code int} ones. */
    abstract String bigint();

    abstract String integer();

    <P extends Product> Warehouse<P> open(String table, List<String> key) {
        Warehouse<P> warehouse = warehouse(table, key);
        opened.add(warehouse);
        return warehouse;
    }

    @AfterEach
    void closeWarehouses() throws Exception {
        for (var warehouse : opened) {
            warehouse.close();
        }
    }

    static <P extends Product> void ship(Warehouse<P> warehouse, String pclass, List<P> products) throws Exception {
        warehouse.receive(new Shipment<>(pclass, products));
    }

    static Everything everything(long id) {
        var tags = new LinkedHashMap<String, Integer>();
        tags.put("a", 1);
        tags.put("b \"q\"", 2);
        return new Everything(id, (int) id * 3, id / 4.0, id % 2 == 0, "text " + id, Instant.ofEpochSecond(1_700_000_000L + id, 123_456_000),
                id % 2 == 0 ? Color.RED : Color.GREEN, new Nested("n" + id, List.of(1, 2, (int) id)), id * 1000, tags);
    }

    List<List<Object>> rows(String sql) throws SQLException {
        try (Connection c = connection(); var s = c.createStatement(); var r = s.executeQuery(sql)) {
            var rows = new ArrayList<List<Object>>();
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                var row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(r.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    long count(String table) throws SQLException {
        return ((Number) rows("SELECT count(*) FROM " + Identifiers.quote(table)).getFirst().getFirst()).longValue();
    }

    void execute(String sql) throws SQLException {
        try (Connection c = connection(); var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void aTableIsCreatedPerPclassWithAColumnPerComponentTypedByItsJavaType() throws Exception {
        ship(open("", List.of()), "everything", List.of(everything(1)));
        assertEquals(everythingTypes(), columnTypes("everything"));
    }

    @Test
    void everyTypeRoundTrips() throws Exception {
        var extreme = new Everything(Long.MIN_VALUE, Integer.MAX_VALUE, -1.5e300, true, "x", Instant.parse("1999-12-31T23:59:59.999999Z"),
                Color.GREEN, new Nested("", List.of()), Long.MAX_VALUE, Map.of());
        ship(open("", List.of()), "everything", List.of(everything(2), extreme));
        var rows = rows("SELECT id, count, ratio, flag, text, \"at\", color, " + jsonText("nested", "name") + ", boxed FROM everything ORDER BY id");
        assertEquals(2, rows.size());
        assertRow(extreme, rows.get(0));
        assertRow(everything(2), rows.get(1));
    }

    private static void assertRow(Everything expected, List<Object> row) {
        assertEquals(expected.id(), ((Number) row.get(0)).longValue());
        assertEquals(expected.count(), ((Number) row.get(1)).intValue());
        assertEquals(expected.ratio(), ((Number) row.get(2)).doubleValue());
        assertEquals(expected.flag(), row.get(3));
        assertEquals(expected.text(), row.get(4));
        assertEquals(expected.at(), instant(row.get(5)));
        assertEquals(expected.color().name(), row.get(6));
        assertEquals(expected.nested().name(), row.get(7));
        assertEquals(expected.boxed(), ((Number) row.get(8)).longValue());
    }

    static Instant instant(Object value) {
        return switch (value) {
            case java.sql.Timestamp t -> t.toInstant();
            case java.time.OffsetDateTime o -> o.toInstant();
            case Instant i -> i;
            default -> throw new AssertionError("not a time: " + value.getClass() + " " + value);
        };
    }

    @Test
    void nullComponentsBecomeNullCells() throws Exception {
        ship(open("", List.of()), "everything", List.of(new Everything(7, 0, 0, false, null, null, null, null, null, null)));
        var row = rows("SELECT text, \"at\", color, nested, boxed, tags FROM everything").getFirst();
        row.forEach(cell -> assertNull(cell, "row " + row));
    }

    @Test
    void textKeepsUnicodeAndEveryControlCharacter() throws Exception {
        String text = "tab\there\nnewline\r\nCRLF back\\slash \\N \"quoted\" 'single' ; DROP TABLE x; -- 😀 漢字 é e\u0301 \u2028 \u0007";
        ship(open("", List.of()), "rows", List.of(new Row(1, 1, text), new Row(1, 2, "")));
        var rows = rows("SELECT text FROM \"rows\" ORDER BY seq");
        assertEquals(text, rows.get(0).getFirst());
        assertEquals("", rows.get(1).getFirst(), "an empty string stays empty, not null");
    }

    @Test
    void veryLongStringsArriveWhole() throws Exception {
        var text = new StringBuilder();
        for (int i = 0; text.length() < 5_000_000; i++) {
            text.append(i).append(i % 7 == 0 ? "\t\n" : "ä😀");
        }
        ship(open("", List.of()), "rows", List.of(new Row(1, 1, text.toString()), new Row(1, 2, "short")));
        var rows = rows("SELECT text FROM \"rows\" ORDER BY seq");
        assertEquals(text.toString(), rows.get(0).getFirst());
        assertEquals("short", rows.get(1).getFirst());
    }

    @Test
    void aPclassThatIsNoSqlIdentifierIsQuotedNeverRun() throws Exception {
        execute("CREATE TABLE victim (x INTEGER)");
        var warehouse = this.<Row>open("", List.of());
        String evil = "x\"; DROP TABLE victim; --";
        ship(warehouse, evil, List.of(new Row(1, 1, "evil")));
        ship(warehouse, "../etc/passwd", List.of(new Row(1, 2, "path")));
        ship(warehouse, "Ünïcödé tâble 表", List.of(new Row(1, 3, "unicode")));
        assertEquals(0, count("victim"), "the victim table is still there");
        assertEquals(List.of(List.of("evil")), rows("SELECT text FROM " + Identifiers.quote(evil)));
        assertEquals(List.of(List.of("path")), rows("SELECT text FROM " + Identifiers.quote("../etc/passwd")));
        assertEquals(List.of(List.of("unicode")), rows("SELECT text FROM " + Identifiers.quote("Ünïcödé tâble 表")));
    }

    @Test
    void pclassesTooLongForATableNameGetTablesOfTheirOwn() throws Exception {
        String stem = "p".repeat(80);
        var warehouse = this.<Row>open("", List.of());
        ship(warehouse, stem + "a", List.of(new Row(1, 1, "a")));
        ship(warehouse, stem + "b", List.of(new Row(1, 2, "b")));
        ship(warehouse, "", List.of(new Row(1, 3, "empty")));
        String a = Identifiers.tableFor(stem + "a", Identifiers.POSTGRES_MAX_BYTES);
        String b = Identifiers.tableFor(stem + "b", Identifiers.POSTGRES_MAX_BYTES);
        assertFalse(a.equals(b));
        assertEquals(List.of(List.of("a")), rows("SELECT text FROM " + Identifiers.quote(tableName(stem + "a"))));
        assertEquals(List.of(List.of("b")), rows("SELECT text FROM " + Identifiers.quote(tableName(stem + "b"))));
        assertEquals(List.of(List.of("empty")), rows("SELECT text FROM " + Identifiers.quote(tableName(""))));
    }

    /** The table a pclass goes to in this database. */
    abstract String tableName(String pclass);

    @Test
    void aNamedTableTakesEveryPclass() throws Exception {
        var warehouse = this.<Row>open("all rows", List.of());
        ship(warehouse, "tcp", List.of(new Row(1, 1, "a")));
        ship(warehouse, "udp", List.of(new Row(2, 1, "b")));
        assertEquals(2, count("all rows"));
    }

    @Test
    void anExistingTableWithAnotherColumnTypeFailsTheFirstShipmentNamingTableColumnAndBothTypes() throws Exception {
        execute("CREATE TABLE \"rows\" (pid INTEGER, seq BIGINT, text VARCHAR)");
        var failure = assertThrows(FactoryException.class, () -> ship(open("", List.of()), "rows", List.of(new Row(1, 1, "x"))));
        String message = failure.getMessage();
        assertTrue(message.contains("table \"rows\" column \"pid\" is " + integer()), message);
        assertTrue(message.contains("component pid (long) of " + Row.class.getName() + " needs " + bigint()), message);
        assertEquals(0, count("rows"), "nothing was stored");
    }

    @Test
    void anExistingTableWithoutAComponentsColumnFailsNamingIt() throws Exception {
        execute("CREATE TABLE \"rows\" (pid BIGINT, seq BIGINT)");
        var failure = assertThrows(FactoryException.class, () -> ship(open("", List.of()), "rows", List.of(new Row(1, 1, "x"))));
        assertTrue(failure.getMessage().contains("table \"rows\" has no column \"text\" for component text (String)"), failure.getMessage());
    }

    @Test
    void anExistingTableWithMoreColumnsInAnotherOrderTakesTheProducts() throws Exception {
        execute("CREATE TABLE \"rows\" (note VARCHAR, text VARCHAR, seq BIGINT, pid BIGINT)");
        ship(open("", List.of()), "rows", List.of(new Row(5, 6, "x")));
        assertEquals(List.of(java.util.Arrays.asList(null, "x", 6L, 5L)), rows("SELECT note, text, seq, pid FROM \"rows\"").stream()
                .map(row -> java.util.Arrays.asList(row.get(0), row.get(1), ((Number) row.get(2)).longValue(), ((Number) row.get(3)).longValue()))
                .toList());
    }

    @Test
    void withAKeyARepeatedProductNeverBecomesASecondRow() throws Exception {
        var warehouse = this.<Row>open("", List.of("pid", "seq"));
        ship(warehouse, "rows", List.of(new Row(1, 1, "first"), new Row(1, 2, "a")));
        ship(warehouse, "rows", List.of(new Row(1, 2, "again"), new Row(1, 3, "b"), new Row(1, 3, "twice in one shipment")));
        ship(warehouse, "rows", List.of(new Row(1, 1, "third time")));
        assertEquals(List.of(List.of(1L, "first"), List.of(2L, "a"), List.of(3L, "b")),
                rows("SELECT seq, text FROM \"rows\" ORDER BY seq").stream()
                        .map(row -> List.of(((Number) row.get(0)).longValue(), row.get(1))).toList());
    }

    @Test
    void aKeyOnAnExistingTableNeedsAUniqueConstraintOnExactlyItsColumns() throws Exception {
        execute("CREATE TABLE \"rows\" (pid BIGINT, seq BIGINT, text VARCHAR, UNIQUE (pid))");
        var failure = assertThrows(FactoryException.class,
                () -> ship(open("", List.of("pid", "seq")), "rows", List.of(new Row(1, 1, "x"))));
        assertTrue(failure.getMessage().contains("table \"rows\" has no primary key or unique constraint on exactly the key columns"),
                failure.getMessage());
    }

    @Test
    void aKeyOnAnExistingTableWithAMatchingConstraintIsUsed() throws Exception {
        execute("CREATE TABLE \"rows\" (pid BIGINT, seq BIGINT, text VARCHAR, PRIMARY KEY (seq, pid))");
        var warehouse = this.<Row>open("", List.of("pid", "seq"));
        ship(warehouse, "rows", List.of(new Row(1, 1, "x")));
        ship(warehouse, "rows", List.of(new Row(1, 1, "y")));
        assertEquals(1, count("rows"));
    }

    @Test
    void aKeyColumnThatIsNoComponentFailsNamingTheComponents() {
        var failure = assertThrows(FactoryException.class,
                () -> ship(open("", List.of("pid", "nope")), "rows", List.of(new Row(1, 1, "x"))));
        assertTrue(failure.getMessage().contains("key column nope is no component of " + Row.class.getName() + " (components: pid, seq, text)"),
                failure.getMessage());
    }

    @Test
    void aFactoryShipsEveryProductIntoTheTableOnceByClose() throws Exception {
        int pids = 500;
        int per = 20;
        var settings = FactorySettings.builder().shipmentSize(257).shipmentAge(Duration.ofMillis(20)).build();
        try (var factory = Factory.builder(new TestProducts.Map1(), this.<Row>open("", List.of("pid", "seq"))).settings(settings).start()) {
            for (int seq = 0; seq < per; seq++) {
                for (int pid = 0; pid < pids; pid++) {
                    factory.purchase(new Reading((long) pid, seq));
                }
            }
        }
        assertEquals(List.of(List.of((long) pids * per, (long) pids * per)),
                rows("SELECT count(*), count(DISTINCT (pid, seq)) FROM \"rows\"").stream()
                        .map(row -> List.of(((Number) row.get(0)).longValue(), ((Number) row.get(1)).longValue())).toList());
    }
}
