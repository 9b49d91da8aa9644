package io.github.loomfactory.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.loomfactory.core.Factory;
import io.github.loomfactory.jdbc.Totals.Reading;
import io.github.loomfactory.jdbc.Totals.Total;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The snippet of {@link DuckDbWarehouse}'s Javadoc ({@code {@snippet file=...}} takes it from here), compiled and run. */
@Timeout(120)
class DuckDbSnippetTest {
    @TempDir
    Path dir;

    @Test
    void theSnippetsFactoryLeavesOneRowPerSensorInTheDatabaseFile() throws Exception {
        List<Reading> readings = Totals.READINGS;
        // @start region="duckdb"
        var warehouse = DuckDbWarehouse.<Total>of(DuckDbSettings.builder(dir.resolve("totals.duckdb")).build()); // @replace substring='dir.resolve("totals.duckdb")' replacement='Path.of("totals.duckdb")'
        try (var factory = Factory.builder(new Totals(), warehouse).start()) {
            factory.purchaseAll(readings);
        } // every total is committed, and the database closed, when close() returns
        // @end

        Path file = dir.resolve("totals.duckdb");
        var properties = new Properties(); // DuckDB shares a file only among connections of one configuration
        properties.putAll(DuckDbSettings.builder(file).build().properties());
        try (Connection connection = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:" + file, properties)) {
            assertEquals(Totals.ROWS, Totals.rows(connection));
        }
    }
}
