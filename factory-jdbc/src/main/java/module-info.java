module io.github.loomfactory.jdbc {
    requires transitive io.github.loomfactory.api;
    requires transitive java.sql;
    requires org.slf4j;
    requires org.postgresql.jdbc;
    requires duckdb.jdbc;

    exports io.github.loomfactory.jdbc;
}
