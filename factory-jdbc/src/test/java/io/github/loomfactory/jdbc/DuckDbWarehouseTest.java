package io.github.loomfactory.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Warehouse;
import io.github.loomfactory.jdbc.TestProducts.Row;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DuckDbWarehouse} on an embedded database file, one per test. */
class DuckDbWarehouseTest extends WarehouseSuite {
    @TempDir
    Path dir;

    Path file() {
        return dir.resolve("test.duckdb");
    }

    @Override
    <P extends Product> Warehouse<P> warehouse(String table, List<String> key) {
        return DuckDbWarehouse.of(DuckDbSettings.builder(file()).table(table).key(key).build());
    }

    @Override
    Connection connection() throws SQLException {
        return new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:" + file(), new Properties());
    }

    @Override
    Map<String, String> everythingTypes() {
        var types = new LinkedHashMap<String, String>();
        types.put("id", "BIGINT");
        types.put("count", "INTEGER");
        types.put("ratio", "DOUBLE");
        types.put("flag", "BOOLEAN");
        types.put("text", "VARCHAR");
        types.put("at", "TIMESTAMP WITH TIME ZONE");
        types.put("color", "VARCHAR");
        types.put("nested", "JSON");
        types.put("boxed", "BIGINT");
        types.put("tags", "JSON");
        return types;
    }

    @Override
    Map<String, String> columnTypes(String table) throws SQLException {
        var types = new LinkedHashMap<String, String>();
        for (var row : rows("SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '" + table
                + "' ORDER BY ordinal_position")) {
            types.put((String) row.get(0), (String) row.get(1));
        }
        return types;
    }

    @Override
    String jsonText(String column, String field) {
        return "json_extract_string(" + Identifiers.quote(column) + ", '$." + field + "')";
    }

    @Override
    String bigint() {
        return "BIGINT";
    }

    @Override
    String integer() {
        return "INTEGER";
    }

    @Override
    String tableName(String pclass) {
        return Identifiers.tableFor(pclass, Integer.MAX_VALUE);
    }

    @Test
    void nestedValuesAreJson() throws Exception {
        ship(open("", List.of()), "everything", List.of(everything(3)));
        assertEquals(List.of(List.of("n3", "3", "2")), rows("SELECT json_extract_string(nested, '$.name'),"
                + " json_extract(nested, '$.values[2]')::VARCHAR, json_extract(tags, '$.\"b \\\"q\\\"\"')::VARCHAR FROM everything"));
    }

    @Test
    void theDatabaseStaysOnTheThreadOfTheFirstShipment() throws Exception {
        var warehouse = this.<Row>open("", List.of());
        ship(warehouse, "rows", List.of(new Row(1, 1, "here")));
        var elsewhere = CompletableFuture.runAsync(() -> {
            try {
                ship(warehouse, "rows", List.of(new Row(1, 2, "there")));
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        var failure = assertThrows(ExecutionException.class, () -> elsewhere.get(30, TimeUnit.SECONDS));
        assertTrue(failure.getCause().getMessage().contains("DuckDB's connection belongs to thread"), failure.getCause().getMessage());
        assertEquals(1, count("rows"));
    }
}
