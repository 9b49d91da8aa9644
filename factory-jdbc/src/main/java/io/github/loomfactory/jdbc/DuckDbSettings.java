package io.github.loomfactory.jdbc;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where and how a {@link DuckDbWarehouse} writes: an immutable, validated set of settings.
 *
 * @param path the database file, created when absent
 * @param table the one table every pclass goes to; empty for a table per pclass, named as the
 *     pclass; default empty
 * @param key the key columns: with any, a repeated product never becomes a second row; default
 *     none
 */
public record DuckDbSettings(Path path, String table, List<String> key) {

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the first bad setting and its value
     * @throws NullPointerException if a setting is null
     */
    public DuckDbSettings {
        Objects.requireNonNull(path, "path");
        if (path.toString().isEmpty()) {
            throw new IllegalArgumentException("path must name a database file");
        }
        Tables.table(table);
        key = Tables.key(key);
    }

    /**
     * Returns a builder for a database in {@code path}, with every other default.
     *
     * @param path the database file
     * @return a new builder
     */
    public static Builder builder(Path path) {
        return new Builder(path);
    }

    /** Builds {@link DuckDbSettings}; not thread-safe. */
    public static final class Builder {
        private final Path path;
        private String table = "";
        private List<String> key = List.of();

        private Builder(Path path) {
            this.path = path;
        }

        /** Sets {@link DuckDbSettings#table()}. @param value the table, empty for one per pclass @return this builder */
        public Builder table(String value) {
            table = value;
            return this;
        }

        /** Sets {@link DuckDbSettings#key()}. @param value the key columns @return this builder */
        public Builder key(List<String> value) {
            key = value;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the validated settings
         */
        public DuckDbSettings build() {
            return new DuckDbSettings(path, table, key);
        }
    }
}
