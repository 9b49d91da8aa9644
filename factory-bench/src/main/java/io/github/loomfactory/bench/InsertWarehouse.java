package io.github.loomfactory.bench;

import io.github.loomfactory.api.Shipment;
import io.github.loomfactory.api.Warehouse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * D1's peer: the usual way into PostgreSQL, a prepared {@code INSERT} batched per shipment with
 * pgjdbc's {@code reWriteBatchedInserts=true} (which folds the batch into multi-row inserts), in
 * one transaction per shipment, into the same tables {@code PostgresWarehouse} creates.
 */
final class InsertWarehouse implements Warehouse<DatabaseBench.D1Row> {
    private final Connection connection;
    private final String schema;
    private final Map<String, PreparedStatement> inserts = new HashMap<>();

    InsertWarehouse(int port, String schema) throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", PostgresCluster.USER);
        properties.setProperty("password", PostgresCluster.PASSWORD);
        properties.setProperty("reWriteBatchedInserts", "true");
        this.connection = new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + port + "/postgres", properties);
        this.connection.setAutoCommit(false);
        this.schema = schema;
    }

    @Override
    public void receive(Shipment<DatabaseBench.D1Row> shipment) throws SQLException {
        PreparedStatement insert = inserts.get(shipment.pclass());
        if (insert == null) {
            String table = '"' + schema + "\".\"" + shipment.pclass() + '"';
            try (var s = connection.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS " + table + " (pid bigint, seq bigint, value bigint)");
            }
            insert = connection.prepareStatement("INSERT INTO " + table + " (pid, seq, value) VALUES (?, ?, ?)");
            inserts.put(shipment.pclass(), insert);
        }
        for (var row : shipment.products()) {
            insert.setLong(1, row.pid());
            insert.setLong(2, row.seq());
            insert.setLong(3, row.value());
            insert.addBatch();
        }
        insert.executeBatch();
        connection.commit();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
