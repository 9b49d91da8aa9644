/**
 * Database warehouses for Loom Factory: {@link io.github.loomfactory.jdbc.PostgresWarehouse}
 * writes shipments to PostgreSQL through {@code COPY}, {@link io.github.loomfactory.jdbc.DuckDbWarehouse}
 * to an embedded DuckDB file through its Appender; a table per pclass, a column per component of
 * the product record, idempotent with key columns.
 *
 * <p>The JDBC drivers are automatic modules: {@code org.postgresql.jdbc} (pgjdbc) and
 * {@code duckdb.jdbc} (duckdb_jdbc, which loads a native library: run with
 * {@code --enable-native-access=duckdb.jdbc}).
 */
module io.github.loomfactory.jdbc {
    requires transitive io.github.loomfactory.api;
    requires transitive java.sql;
    requires org.slf4j;
    requires org.postgresql.jdbc;
    requires duckdb.jdbc;

    exports io.github.loomfactory.jdbc;
}
