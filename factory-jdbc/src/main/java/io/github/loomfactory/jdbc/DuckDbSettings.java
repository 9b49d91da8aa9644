package io.github.loomfactory.jdbc;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how a {@link DuckDbWarehouse} writes: an immutable, validated set of settings.
 *
 * @param path the database file, created when absent
 * @param table the one table every pclass goes to; empty for a table per pclass, named as the
 *     pclass; default empty
 * @param key the key columns: with any, a repeated product never becomes a second row; default
 *     none
 * @param properties DuckDB configuration options for opening the database, passed through as
 *     they are (e.g. {@code memory_limit}, {@code threads}); default
 *     {@value #STORAGE_COMPATIBILITY}={@value #STORAGE_DEFAULT}, so that a new file is readable
 *     by DuckDB 1.5 and later, not only by the 2.x that writes it
 */
public record DuckDbSettings(Path path, String table, List<String> key, Map<String, String> properties) {
    /** The DuckDB option that names the oldest version that must read a new database file. */
    public static final String STORAGE_COMPATIBILITY = "storage_compatibility_version";
    /** Its default here. */
    public static final String STORAGE_DEFAULT = "v1.5.0";

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
        properties = Map.copyOf(properties);
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
        private Map<String, String> properties = Map.of(STORAGE_COMPATIBILITY, STORAGE_DEFAULT);

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

        /** Sets {@link DuckDbSettings#properties()}. @param value DuckDB options @return this builder */
        public Builder properties(Map<String, String> value) {
            properties = value;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the validated settings
         */
        public DuckDbSettings build() {
            return new DuckDbSettings(path, table, key, properties);
        }
    }
}
