package io.github.loomfactory.jdbc;

import io.github.loomfactory.api.FactoryException;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Shipment;
import io.github.loomfactory.api.Warehouse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * A warehouse in an embedded DuckDB database file: each shipment is appended through DuckDB's
 * Appender (not {@code executeBatch}, which DuckDB runs row by row) in one transaction, and
 * {@link #receive(Shipment)} returns once it is committed.
 *
 * <p>The table, type and key rules are {@link PostgresWarehouse}'s, in DuckDB's types (BIGINT,
 * INTEGER, DOUBLE, BOOLEAN, VARCHAR, TIMESTAMP WITH TIME ZONE, JSON for nested values; times
 * keep microseconds). DuckDB names are case-insensitive: pclasses that differ only in case share
 * a table. With key columns, or when an existing table's columns are not exactly the product's
 * in order, the shipment is appended to a temporary staging table and inserted from there
 * ({@code ON CONFLICT DO NOTHING} with a key), so a repeated product never becomes a second row.
 *
 * <p>DuckDB's connection and appenders are native and confined to one thread: the warehouse
 * opens the database on its first shipment, on the engine's shipping thread (a platform thread),
 * and refuses calls from any other thread. Any failure rolls back and closes the database; the
 * driver's retry opens it again. Not thread-safe.
 *
 * <p>With the {@code Totals} blueprint of {@code Blueprint}'s Javadoc (DuckDB's driver loads a
 * native library: run with {@code --enable-native-access=duckdb.jdbc}):
 * {@snippet file="io/github/loomfactory/jdbc/DuckDbSnippetTest.java" region="duckdb"}
 *
 * @param <P> the product type, a record
 */
public final class DuckDbWarehouse<P extends Product> implements Warehouse<P> {
    private static final String SCHEMA = "main";

    private final DuckDbSettings settings;
    private final String name;
    private final Map<String, Target> targets = new HashMap<>();
    private DuckDBConnection connection;
    private Thread owner;

    private DuckDbWarehouse(DuckDbSettings settings) {
        this.settings = settings;
        this.name = "duckdb " + settings.path();
    }

    /**
     * Returns a warehouse with these settings; it opens the database on the first shipment.
     *
     * @param settings the database file, table and key
     * @param <P> the product type
     * @return the warehouse
     */
    public static <P extends Product> DuckDbWarehouse<P> of(DuckDbSettings settings) {
        return new DuckDbWarehouse<>(settings);
    }

    /**
     * Returns the settings.
     *
     * @return the settings this warehouse writes with
     */
    public DuckDbSettings settings() {
        return settings;
    }

    /**
     * Appends the shipment to its table in one transaction, and commits.
     *
     * @throws FactoryException naming the database and table, if the table does not fit or the write fails
     * @throws IllegalStateException if called from another thread than the first shipment's
     */
    @Override
    public void receive(Shipment<P> shipment) {
        String table = settings.table().isEmpty() ? Identifiers.tableFor(shipment.pclass(), Integer.MAX_VALUE) : settings.table();
        DuckDBConnection c = connection();
        try {
            Target target = target(c, table, shipment.products().getFirst().getClass());
            write(c, target, shipment.products());
            c.commit();
        } catch (SQLException | RuntimeException e) {
            drop();
            throw new FactoryException(name + ": cannot store " + shipment.size() + " products of pclass '" + shipment.pclass()
                    + "' in table " + Identifiers.quote(table) + ": " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
    }

    /**
     * Closes the appenders and the database.
     *
     * @throws IllegalStateException if called from another thread than the shipments'
     */
    @Override
    public void close() {
        if (connection != null) {
            confined();
        }
        drop();
    }

    private void write(DuckDBConnection c, Target target, List<P> products) throws SQLException {
        DuckDBAppender appender = target.appender;
        if (appender == null) {
            appender = target.staged ? c.createAppender("temp", SCHEMA, target.stage) : c.createAppender(SCHEMA, target.stored);
            target.appender = appender;
        }
        Class<?> last = target.layout.type();
        Layout layout = target.layout;
        for (P product : products) {
            if (product.getClass() != last) {
                layout = target.layoutOf(product.getClass());
                last = product.getClass();
            }
            appender.beginRow();
            for (Column column : layout.columns()) {
                append(appender, column, column.read(product));
            }
            appender.endRow();
        }
        appender.flush();
        if (target.staged) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO " + target.qualified + " (" + target.columns + ") SELECT " + target.columns + " FROM "
                        + target.stageQualified + (target.layout.key().isEmpty() ? "" : " ON CONFLICT DO NOTHING"));
                s.execute("DELETE FROM " + target.stageQualified);
            }
        }
    }

    private static void append(DuckDBAppender appender, Column column, Object value) throws SQLException {
        if (value == null) {
            appender.appendNull();
            return;
        }
        switch (column.type()) {
            case BIGINT -> appender.append(((Long) value).longValue());
            case INTEGER -> appender.append(((Integer) value).intValue());
            case DOUBLE -> appender.append(((Double) value).doubleValue());
            case BOOLEAN -> appender.append(((Boolean) value).booleanValue());
            case TEXT -> appender.append((String) value);
            case TIMESTAMPTZ -> {
                Instant instant = (Instant) value;
                appender.appendEpochMicros(Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000));
            }
            case ENUM -> appender.append(((Enum<?>) value).name());
            case JSON -> appender.append(JsonText.of(value));
        }
    }

    private Target target(DuckDBConnection c, String table, Class<?> type) throws SQLException {
        Target known = targets.get(table);
        if (known != null) {
            return known;
        }
        Layout layout = Layout.of(type, settings.key());
        String qualified = Identifiers.qualified(SCHEMA, table);
        Columns existing = columns(c, table);
        if (existing.types.isEmpty()) {
            try (Statement s = c.createStatement()) {
                s.execute(createTable(qualified, layout));
            }
            existing = columns(c, table);
        }
        var misfit = TableCheck.misfit(table, existing.types, layout, ColumnType::duckDb, uniqueKeys(c, table), true);
        if (misfit.isPresent()) {
            c.rollback();
            throw new IllegalStateException(misfit.get());
        }
        boolean exact = existing.names.equals(layout.columns().stream().map(col -> col.name().toLowerCase(Locale.ROOT)).toList());
        boolean staged = !layout.key().isEmpty() || !exact;
        var target = new Target(table, existing.stored, qualified, "loom_stage_" + targets.size(), layout, staged);
        if (staged) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMPORARY TABLE IF NOT EXISTS " + target.stageQualified + " AS SELECT " + target.columns + " FROM "
                        + qualified + " LIMIT 0");
            }
        }
        c.commit();
        targets.put(table, target);
        return target;
    }

    private static String createTable(String qualified, Layout layout) {
        var sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(qualified).append(" (");
        for (Column column : layout.columns()) {
            sql.append(Identifiers.quote(column.name())).append(' ').append(column.type().duckDb()).append(", ");
        }
        if (layout.key().isEmpty()) {
            sql.setLength(sql.length() - 2);
        } else {
            sql.append("PRIMARY KEY (").append(layout.key().stream().map(k -> Identifiers.quote(k.name())).collect(Collectors.joining(", ")))
                    .append(')');
        }
        return sql.append(')').toString();
    }

    /** A table's columns: types by case-insensitive name, lower-case names in order, and the table's stored name. */
    private record Columns(Map<String, String> types, List<String> names, String stored) {
    }

    private static Columns columns(Connection c, String table) throws SQLException {
        var types = new TreeMap<String, String>(String.CASE_INSENSITIVE_ORDER);
        var names = new ArrayList<String>();
        String stored = table;
        try (var query = c.prepareStatement("SELECT column_name, data_type, table_name FROM information_schema.columns"
                + " WHERE table_catalog = current_database() AND table_schema = ? AND lower(table_name) = lower(?)"
                + " ORDER BY ordinal_position")) {
            query.setString(1, SCHEMA);
            query.setString(2, table);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    types.put(rows.getString(1), rows.getString(2));
                    names.add(rows.getString(1).toLowerCase(Locale.ROOT));
                    stored = rows.getString(3);
                }
            }
        }
        return new Columns(types, names, stored);
    }

    private static List<Set<String>> uniqueKeys(Connection c, String table) throws SQLException {
        var keys = new ArrayList<Set<String>>();
        try (var query = c.prepareStatement("SELECT array_to_string(constraint_column_names, chr(31)) FROM duckdb_constraints()"
                + " WHERE database_name = current_database() AND schema_name = ? AND lower(table_name) = lower(?)"
                + " AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')")) {
            query.setString(1, SCHEMA);
            query.setString(2, table);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    var key = new HashSet<String>();
                    for (String column : rows.getString(1).split("\u001f")) {
                        key.add(column.toLowerCase(Locale.ROOT));
                    }
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    private DuckDBConnection connection() {
        if (connection != null) {
            confined();
            return connection;
        }
        try {
            var properties = new Properties();
            properties.putAll(settings.properties());
            Connection c = new org.duckdb.DuckDBDriver().connect("jdbc:duckdb:" + settings.path().toAbsolutePath(), properties);
            c.setAutoCommit(false);
            connection = c.unwrap(DuckDBConnection.class);
            owner = Thread.currentThread();
            return connection;
        } catch (SQLException e) {
            throw new FactoryException(name + ": cannot open the database: " + e.getMessage(), e);
        }
    }

    private void confined() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException(name + ": DuckDB's connection belongs to thread " + owner.getName()
                    + ", not to " + Thread.currentThread().getName());
        }
    }

    /**
     * Returns where the products go, for messages: the database and the table (or "a table per pclass").
     *
     * @return e.g. {@code postgresql db.example:5432/flows (a table per pclass)}
     */
    @Override
    public String toString() {
        return "duckdb " + settings.path() + (settings.table().isEmpty() ? " (a table per pclass)" : " table " + Identifiers.quote(settings.table()));
    }

    /** Closes the appenders and the database, if open; the next shipment opens it again. */
    private void drop() {
        DuckDBConnection c = connection;
        connection = null;
        owner = null;
        List<Target> known = List.copyOf(targets.values());
        targets.clear();
        if (c == null) {
            return;
        }
        for (Target target : known) {
            if (target.appender != null) {
                try {
                    target.appender.close();
                } catch (SQLException | RuntimeException ignored) {
                    // the rows it held are rolled back with the transaction
                }
            }
        }
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // closing is all that is left
        }
        try {
            c.close();
        } catch (SQLException ignored) {
            // nothing is held any more
        }
    }

    /** A checked table, its staging table and appender on the current connection. */
    private static final class Target {
        final String table;
        final String stored;
        final String qualified;
        final String stage;
        final String stageQualified;
        final Layout layout;
        final boolean staged;
        final String columns;
        final Map<Class<?>, Layout> layouts = new HashMap<>();
        DuckDBAppender appender;

        Target(String table, String stored, String qualified, String stage, Layout layout, boolean staged) {
            this.table = table;
            this.stored = stored;
            this.qualified = qualified;
            this.stage = stage;
            this.stageQualified = "temp.main." + Identifiers.quote(stage);
            this.layout = layout;
            this.staged = staged;
            this.columns = layout.columns().stream().map(c -> Identifiers.quote(c.name())).collect(Collectors.joining(", "));
            layouts.put(layout.type(), layout);
        }

        Layout layoutOf(Class<?> type) {
            return layouts.computeIfAbsent(type, t -> {
                Layout other = Layout.of(t, layout.key().stream().map(Column::name).toList());
                if (!other.sameShape(layout)) {
                    throw new IllegalStateException("table " + Identifiers.quote(table) + " holds " + layout + "; products of "
                            + t.getName() + " have other columns: " + other);
                }
                return other;
            });
        }
    }
}
