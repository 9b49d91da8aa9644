package io.github.loomfactory.jdbc;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/** Checks shared by the warehouses' settings: a table name and key column names. */
final class Tables {
    private Tables() {
    }

    static String table(String table) {
        Objects.requireNonNull(table, "table");
        if (table.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("table must not hold U+0000: " + table.replace("\0", "\\0"));
        }
        return table;
    }

    static List<String> key(List<String> key) {
        var copy = List.copyOf(key);
        var seen = new HashSet<String>();
        for (String column : copy) {
            if (column.isBlank()) {
                throw new IllegalArgumentException("key must not name an empty column: " + copy);
            }
            if (!seen.add(column)) {
                throw new IllegalArgumentException("key names column " + column + " twice: " + copy);
            }
        }
        return copy;
    }
}
