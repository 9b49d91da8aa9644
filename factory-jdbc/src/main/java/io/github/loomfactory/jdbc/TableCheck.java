package io.github.loomfactory.jdbc;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Whether an existing table fits a product layout: a column of a fitting type for every
 * component, and, with key columns, a primary key or unique constraint on exactly them (else
 * repeats would become second rows). Extra columns are fine; the warehouses name their columns.
 */
final class TableCheck {
    private TableCheck() {
    }

    /**
     * The first misfit, as a message naming table, column and both types; empty if the table fits.
     *
     * @param existing the table's columns and their types, as the database names them
     * @param typeName the database's name of each column type
     * @param uniqueKeys the column sets of the table's primary key and unique constraints
     */
    static Optional<String> misfit(String table, Map<String, String> existing, Layout layout, Function<ColumnType, String> typeName,
            Collection<Set<String>> uniqueKeys) {
        return misfit(table, existing, layout, typeName, uniqueKeys, false);
    }

    /**
     * As {@link #misfit(String, Map, Layout, Function, Collection)}; with {@code caseInsensitive}
     * (DuckDB) {@code existing} must be a case-insensitive map and {@code uniqueKeys} lower case.
     */
    static Optional<String> misfit(String table, Map<String, String> existing, Layout layout, Function<ColumnType, String> typeName,
            Collection<Set<String>> uniqueKeys, boolean caseInsensitive) {
        for (Column column : layout.columns()) {
            String wanted = typeName.apply(column.type());
            String actual = existing.get(column.name());
            if (actual == null) {
                return Optional.of("table " + Identifiers.quote(table) + " has no column " + Identifiers.quote(column.name())
                        + " for component " + column.name() + " (" + column.javaType().getSimpleName() + ") of "
                        + layout.type().getName() + ": add it as " + wanted + ", or name another table");
            }
            if (!fits(column.type(), wanted, actual)) {
                return Optional.of("table " + Identifiers.quote(table) + " column " + Identifiers.quote(column.name()) + " is " + actual
                        + ", but component " + column.name() + " (" + column.javaType().getSimpleName() + ") of "
                        + layout.type().getName() + " needs " + wanted);
            }
        }
        if (!layout.key().isEmpty()) {
            Set<String> key = new HashSet<>();
            layout.key().forEach(column -> key.add(caseInsensitive ? column.name().toLowerCase(java.util.Locale.ROOT) : column.name()));
            if (!uniqueKeys.contains(key)) {
                return Optional.of("table " + Identifiers.quote(table) + " has no primary key or unique constraint on exactly the key columns "
                        + List.copyOf(key) + ": add one, or repeated products would become second rows");
            }
        }
        return Optional.empty();
    }

    private static boolean fits(ColumnType type, String wanted, String actual) {
        if (actual.equalsIgnoreCase(wanted)) {
            return true;
        }
        // text-like columns take text, whatever their length limit says
        return (type == ColumnType.TEXT || type == ColumnType.ENUM)
                && (actual.startsWith("character varying") || actual.equalsIgnoreCase("text") || actual.startsWith("VARCHAR"));
    }
}
