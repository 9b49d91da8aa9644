package io.github.loomfactory.jdbc;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The column type a product record's component is stored as, with its name in each database.
 *
 * <p>{@code long} -> bigint, {@code int} -> integer, {@code double} -> double precision,
 * {@code boolean} -> boolean, {@code String} -> text, {@link Instant} -> timestamptz, an enum ->
 * text (its constant's name), and nested values (records, collections, maps, arrays) -> jsonb
 * (DuckDB: JSON). The boxed types map as their primitives and may hold null.
 */
enum ColumnType {
    BIGINT("bigint", "BIGINT"),
    INTEGER("integer", "INTEGER"),
    DOUBLE("double precision", "DOUBLE"),
    BOOLEAN("boolean", "BOOLEAN"),
    TEXT("text", "VARCHAR"),
    TIMESTAMPTZ("timestamp with time zone", "TIMESTAMP WITH TIME ZONE"),
    ENUM("text", "VARCHAR"),
    JSON("jsonb", "JSON");

    private final String postgres;
    private final String duckDb;

    ColumnType(String postgres, String duckDb) {
        this.postgres = postgres;
        this.duckDb = duckDb;
    }

    /** The PostgreSQL type, as {@code format_type} names it. */
    String postgres() {
        return postgres;
    }

    /** The DuckDB type, as {@code information_schema.columns.data_type} names it. */
    String duckDb() {
        return duckDb;
    }

    /** The column type of a component of Java type {@code type}, if it has one. */
    static Optional<ColumnType> of(Class<?> type) {
        if (type == long.class || type == Long.class) {
            return Optional.of(BIGINT);
        }
        if (type == int.class || type == Integer.class) {
            return Optional.of(INTEGER);
        }
        if (type == double.class || type == Double.class) {
            return Optional.of(DOUBLE);
        }
        if (type == boolean.class || type == Boolean.class) {
            return Optional.of(BOOLEAN);
        }
        if (type == String.class) {
            return Optional.of(TEXT);
        }
        if (type == Instant.class) {
            return Optional.of(TIMESTAMPTZ);
        }
        if (type.isEnum()) {
            return Optional.of(ENUM);
        }
        if (type.isRecord() || type.isArray() || Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
            return Optional.of(JSON);
        }
        return Optional.empty();
    }
}
