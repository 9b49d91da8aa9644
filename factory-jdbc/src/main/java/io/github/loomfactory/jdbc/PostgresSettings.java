package io.github.loomfactory.jdbc;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how a {@link PostgresWarehouse} writes: an immutable, validated set of settings.
 *
 * <p>Build one with {@link #builder()}. {@code toString()} shows no password: the settings hold
 * none, only the {@link PasswordSource} that is asked on each connection.
 *
 * @param host the server's host name or address; default {@code localhost}
 * @param port the server's port; default 5432
 * @param database the database; default the user's name
 * @param user the user; default the {@code user.name} of this JVM
 * @param schema the schema of the tables; empty for the connection's {@code search_path}
 *     (normally {@code public}); default empty
 * @param table the one table every pclass goes to; empty for a table per pclass, named as the
 *     pclass (see {@link PostgresWarehouse}); default empty
 * @param key the key columns: with any, a repeated product never becomes a second row; default
 *     none
 * @param properties pgjdbc connection properties passed through as they are (e.g.
 *     {@code sslmode}, {@code socketTimeout}); {@code user} and {@code password} are refused;
 *     default none
 * @param passwords where the password comes from; default {@link PasswordSource#standard()}
 */
public record PostgresSettings(String host, int port, String database, String user, String schema, String table,
        List<String> key, Map<String, String> properties, PasswordSource passwords) {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+]");

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the first bad setting and its value
     * @throws NullPointerException if a setting is null
     */
    public PostgresSettings {
        Objects.requireNonNull(host, "host");
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException("host must be a host name, an IPv4 address or a bracketed IPv6 address: '" + host + "'");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1 to 65535: " + port);
        }
        nonEmpty("database", database);
        nonEmpty("user", user);
        Objects.requireNonNull(schema, "schema");
        Tables.table(table);
        key = Tables.key(key);
        properties = Map.copyOf(properties);
        for (String name : properties.keySet()) {
            if (name.equalsIgnoreCase("user") || name.equalsIgnoreCase("password")) {
                throw new IllegalArgumentException("properties must not hold '" + name
                        + "': the user is a setting of its own, and the password comes from PGPASSWORD or a password file");
            }
        }
        Objects.requireNonNull(passwords, "passwords");
    }

    /**
     * Returns a builder with every default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder that starts from these settings.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Returns {@code host:port/database}, how messages name the server.
     *
     * @return the server's address and database
     */
    public String address() {
        return host + ":" + port + "/" + database;
    }

    private static void nonEmpty(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    /** Builds {@link PostgresSettings}; not thread-safe. */
    public static final class Builder {
        private String host = "localhost";
        private int port = 5432;
        private String database;
        private String user = System.getProperty("user.name", "postgres");
        private String schema = "";
        private String table = "";
        private List<String> key = List.of();
        private Map<String, String> properties = Map.of();
        private PasswordSource passwords = PasswordSource.standard();

        private Builder() {
        }

        private Builder(PostgresSettings s) {
            host = s.host;
            port = s.port;
            database = s.database;
            user = s.user;
            schema = s.schema;
            table = s.table;
            key = s.key;
            properties = s.properties;
            passwords = s.passwords;
        }

        /** Sets {@link PostgresSettings#host()}. @param value the host @return this builder */
        public Builder host(String value) {
            host = value;
            return this;
        }

        /** Sets {@link PostgresSettings#port()}. @param value the port @return this builder */
        public Builder port(int value) {
            port = value;
            return this;
        }

        /** Sets {@link PostgresSettings#database()}. @param value the database @return this builder */
        public Builder database(String value) {
            database = value;
            return this;
        }

        /** Sets {@link PostgresSettings#user()}. @param value the user @return this builder */
        public Builder user(String value) {
            user = value;
            return this;
        }

        /** Sets {@link PostgresSettings#schema()}. @param value the schema, empty for the search path @return this builder */
        public Builder schema(String value) {
            schema = value;
            return this;
        }

        /** Sets {@link PostgresSettings#table()}. @param value the table, empty for one per pclass @return this builder */
        public Builder table(String value) {
            table = value;
            return this;
        }

        /** Sets {@link PostgresSettings#key()}. @param value the key columns @return this builder */
        public Builder key(List<String> value) {
            key = value;
            return this;
        }

        /** Sets {@link PostgresSettings#properties()}. @param value pgjdbc properties @return this builder */
        public Builder properties(Map<String, String> value) {
            properties = value;
            return this;
        }

        /** Sets {@link PostgresSettings#passwords()}. @param value the password source @return this builder */
        public Builder passwords(PasswordSource value) {
            passwords = value;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the validated settings
         * @throws IllegalArgumentException naming the first bad setting
         */
        public PostgresSettings build() {
            return new PostgresSettings(host, port, database != null ? database : user, user, schema, table, key, properties,
                    passwords);
        }
    }
}
