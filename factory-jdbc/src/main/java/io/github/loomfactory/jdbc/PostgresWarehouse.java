package io.github.loomfactory.jdbc;

import io.github.loomfactory.api.FactoryException;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Shipment;
import io.github.loomfactory.api.Warehouse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A warehouse in PostgreSQL: each shipment is written with {@code COPY} in one transaction, and
 * {@link #receive(Shipment)} returns once it is committed.
 *
 * <p>Products go to a table per pclass, named as the pclass (a pclass that is too long for a
 * PostgreSQL name, or empty, gets its first characters and a hash), or all to the one
 * {@linkplain PostgresSettings#table() table} the settings name; in the settings' schema, or the
 * connection's search path. A table that does not exist is created on its first shipment, with
 * a column per component of the product record (see {@code ColumnType}: long -> bigint, int ->
 * integer, double -> double precision, boolean, String -> text, Instant -> timestamptz, enum ->
 * text, nested values -> jsonb) and, with key columns, a primary key on them. An existing table
 * must have a column of the right type for every component, else the first shipment fails with
 * a message that names table, column and both types. Every identifier is quoted: a pclass is
 * never SQL.
 *
 * <p>With {@linkplain PostgresSettings#key() key columns} a shipment is copied into a temporary
 * staging table and inserted from there with {@code ON CONFLICT DO NOTHING}, so a product
 * shipped again (after a crash, a rebalance, a retry whose commit was lost) never becomes a
 * second row: the first one stays. Without key columns a retry after a commit whose answer was
 * lost with the connection may store a shipment twice.
 *
 * <p>Any failure rolls the shipment back and drops the connection; the engine's driver retries
 * the shipment with backoff ({@code FactorySettings.warehouseRetries}), and the retry connects
 * again, so a restarted server only delays the run. A failure that outlasts the retries fails
 * the factory with its cause. Messages name the server ({@code postgresql host:port/db}), never
 * the password.
 *
 * <p>Not thread-safe: the engine calls it from its one shipping thread.
 *
 * <p>With the {@code Totals} blueprint of {@code Blueprint}'s Javadoc; the password comes from
 * {@link PasswordSource#standard()} ({@code PGPASSWORD} or {@code ~/.pgpass}):
 * {@snippet file="io/github/loomfactory/jdbc/PostgresSnippetTest.java" region="postgres"}
 *
 * @param <P> the product type, a record
 */
public final class PostgresWarehouse<P extends Product> implements Warehouse<P> {
    private final PostgresSettings settings;
    private final String name;
    private final Map<String, Target> targets = new HashMap<>();
    private Connection connection;
    /** Tables whose staging table exists on the current connection. */
    private final Set<String> staged = new HashSet<>();

    private PostgresWarehouse(PostgresSettings settings) {
        this.settings = settings;
        this.name = "postgresql " + settings.address();
    }

    /**
     * Returns a warehouse with these settings; it connects on the first shipment.
     *
     * @param settings the server, tables and key
     * @param <P> the product type
     * @return the warehouse
     */
    public static <P extends Product> PostgresWarehouse<P> of(PostgresSettings settings) {
        return new PostgresWarehouse<>(settings);
    }

    /**
     * Returns the settings.
     *
     * @return the settings this warehouse writes with
     */
    public PostgresSettings settings() {
        return settings;
    }

    /**
     * Copies the shipment into its table in one transaction, and commits.
     *
     * @throws FactoryException naming server and table, if the table does not fit or the write fails
     */
    @Override
    public void receive(Shipment<P> shipment) {
        String table = settings.table().isEmpty()
                ? Identifiers.tableFor(shipment.pclass(), Identifiers.POSTGRES_MAX_BYTES) : settings.table();
        Connection c = connection();
        try {
            Target target = target(c, table, shipment.products().getFirst().getClass());
            write(c, target, shipment.products());
            c.commit();
        } catch (SQLException | RuntimeException e) {
            drop();
            String what = e instanceof SQLException sql ? sqlMessage(sql) : e.getMessage();
            throw new FactoryException(name + ": cannot store " + shipment.size() + " products of pclass '" + shipment.pclass()
                    + "' in table " + Identifiers.quote(table) + ": " + what, e);
        }
    }

    /**
     * Returns where the products go, for messages: the database and the table (or "a table per pclass").
     *
     * @return e.g. {@code postgresql db.example:5432/flows (a table per pclass)}
     */
    @Override
    public String toString() {
        return "postgresql " + settings.address() + (settings.table().isEmpty() ? " (a table per pclass)" : " table " + Identifiers.quote(settings.table()));
    }

    /** Closes the connection. */
    @Override
    public void close() {
        drop();
    }

    private void write(Connection c, Target target, List<P> products) throws SQLException {
        boolean keyed = !target.layout.key().isEmpty();
        String into = target.qualified;
        if (keyed) {
            into = Identifiers.quote(target.stage);
            if (staged.add(target.table)) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TEMPORARY TABLE IF NOT EXISTS " + into + " (LIKE " + target.qualified
                            + " INCLUDING DEFAULTS) ON COMMIT DELETE ROWS");
                }
            }
        }
        var text = new CopyText();
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + into + " (" + target.columns + ") FROM STDIN");
        try {
            Class<?> last = target.layout.type();
            Layout layout = target.layout;
            for (P product : products) {
                if (product.getClass() != last) {
                    layout = target.layoutOf(product.getClass());
                    last = product.getClass();
                }
                text.row(layout, product);
                if (text.full()) {
                    send(copy, text);
                }
            }
            send(copy, text);
            long rows = copy.endCopy();
            if (rows != products.size()) {
                throw new SQLException("COPY stored " + rows + " rows of " + products.size());
            }
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        if (keyed) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO " + target.qualified + " (" + target.columns + ") SELECT " + target.columns + " FROM "
                        + into + " ON CONFLICT DO NOTHING");
            }
        }
    }

    private static void send(CopyIn copy, CopyText text) throws SQLException {
        if (!text.isEmpty()) {
            byte[] bytes = text.take();
            copy.writeToCopy(bytes, 0, bytes.length);
        }
    }

    /** The table's target, checked or created on its first shipment (and again after a failure). */
    private Target target(Connection c, String table, Class<?> type) throws SQLException {
        Target known = targets.get(table);
        if (known != null) {
            return known;
        }
        Layout layout = Layout.of(type, settings.key());
        String qualified = Identifiers.qualified(settings.schema(), table);
        if (columns(c, qualified).isEmpty()) {
            try (Statement s = c.createStatement()) {
                s.execute(createTable(qualified, layout));
            }
        }
        var misfit = TableCheck.misfit(table, columns(c, qualified), layout, ColumnType::postgres, uniqueKeys(c, qualified));
        if (misfit.isPresent()) {
            c.rollback();
            throw new IllegalStateException(misfit.get());
        }
        c.commit();
        var target = new Target(table, qualified, "loom_stage_" + targets.size(), layout);
        targets.put(table, target);
        return target;
    }

    static String createTable(String qualified, Layout layout) {
        var sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(qualified).append(" (");
        for (Column column : layout.columns()) {
            sql.append(Identifiers.quote(column.name())).append(' ').append(column.type().postgres()).append(", ");
        }
        if (layout.key().isEmpty()) {
            sql.setLength(sql.length() - 2);
        } else {
            sql.append("PRIMARY KEY (").append(layout.key().stream().map(k -> Identifiers.quote(k.name())).collect(Collectors.joining(", ")))
                    .append(')');
        }
        return sql.append(')').toString();
    }

    /** The table's columns and their types, in order; empty if there is no such table. */
    private static Map<String, String> columns(Connection c, String qualified) throws SQLException {
        var columns = new LinkedHashMap<String, String>();
        try (var query = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a"
                + " WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            query.setString(1, qualified);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return columns;
    }

    private static List<Set<String>> uniqueKeys(Connection c, String qualified) throws SQLException {
        var keys = new ArrayList<Set<String>>();
        try (var query = c.prepareStatement("SELECT ARRAY(SELECT a.attname::text FROM unnest(i.indkey) k"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k) FROM pg_index i"
                + " WHERE i.indrelid = to_regclass(?) AND i.indisunique AND i.indpred IS NULL")) {
            query.setString(1, qualified);
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    keys.add(Set.of((String[]) rows.getArray(1).getArray()));
                }
            }
        }
        return keys;
    }

    private Connection connection() {
        if (connection != null) {
            return connection;
        }
        var properties = new Properties();
        properties.putAll(settings.properties());
        properties.putIfAbsent("ApplicationName", "loom-factory");
        properties.setProperty("user", settings.user());
        settings.passwords().password(settings.host(), settings.port(), settings.database(), settings.user())
                .ifPresent(password -> properties.setProperty("password", password));
        String url = "jdbc:postgresql://" + settings.host() + ":" + settings.port() + "/"
                + URLEncoder.encode(settings.database(), StandardCharsets.UTF_8).replace("+", "%20");
        try {
            Connection c = new org.postgresql.Driver().connect(url, properties);
            if (c == null) {
                throw new SQLException("pgjdbc refused the URL");
            }
            c.setAutoCommit(false);
            connection = c;
            return c;
        } catch (SQLException e) {
            throw new FactoryException(name + ": cannot connect as user " + settings.user() + ": " + sqlMessage(e)
                    + "; is the server running, and may this user connect?", e);
        }
    }

    /** Rolls back and closes the connection, if any; the next shipment connects again. */
    private void drop() {
        Connection c = connection;
        connection = null;
        staged.clear();
        if (c != null) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection may be gone already: closing is all that is left
            }
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing is held any more
            }
        }
    }

    private static String sqlMessage(SQLException e) {
        String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return e.getSQLState() != null ? message + " (SQLSTATE " + e.getSQLState() + ")" : message;
    }

    /** A checked table: its name, quoted name, staging table, column list and the layouts that fill it. */
    private static final class Target {
        final String table;
        final String qualified;
        final String stage;
        final Layout layout;
        final String columns;
        final Map<Class<?>, Layout> layouts = new HashMap<>();

        Target(String table, String qualified, String stage, Layout layout) {
            this.table = table;
            this.qualified = qualified;
            this.stage = stage;
            this.layout = layout;
            this.columns = layout.columns().stream().map(c -> Identifiers.quote(c.name())).collect(Collectors.joining(", "));
            layouts.put(layout.type(), layout);
        }

        /** The layout of another record type sharing this table; it must fill the same columns. */
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
