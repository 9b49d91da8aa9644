package io.github.loomfactory.jdbc;

import io.github.loomfactory.api.Warehouse;
import io.github.loomfactory.core.Factory;
import io.github.loomfactory.core.FactorySettings;
import io.github.loomfactory.jdbc.TestProducts.Reading;
import io.github.loomfactory.jdbc.TestProducts.Row;
import io.github.loomfactory.jdbc.testing.PostgresServer;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The program {@link CrashRestartTest} kills and starts again: reads a file of {@code pid seq}
 * lines from its beginning, runs the map blueprint over them, and ships one row per material,
 * keyed by (pid, seq), to PostgreSQL or DuckDB. The PostgreSQL password comes from PGPASSWORD,
 * as for any user.
 *
 * <p>Arguments: {@code postgres PORT SCHEMA INPUT RATE} or {@code duckdb FILE INPUT RATE}; RATE
 * is materials per second, 0 for full speed.
 */
final class Replay {
    private Replay() {
    }

    public static void main(String[] args) throws Exception {
        Warehouse<Row> warehouse;
        int next;
        if (args[0].equals("postgres")) {
            warehouse = PostgresWarehouse.of(PostgresSettings.builder().host("127.0.0.1").port(Integer.parseInt(args[1]))
                    .database("postgres").user(PostgresServer.USER).schema(args[2]).key(List.of("pid", "seq")).build());
            next = 3;
        } else {
            warehouse = DuckDbWarehouse.of(DuckDbSettings.builder(Path.of(args[1])).key(List.of("pid", "seq")).build());
            next = 2;
        }
        warehouse = reporting(warehouse);
        Path input = Path.of(args[next]);
        double rate = Double.parseDouble(args[next + 1]);
        var settings = FactorySettings.builder().shipmentSize(500).shipmentAge(Duration.ofMillis(20)).contract(Duration.ofMillis(200))
                .statusInterval(Duration.ZERO).build();
        long started = System.nanoTime();
        long bought = 0;
        try (var factory = Factory.builder(new TestProducts.Map1(), warehouse).settings(settings).start();
                BufferedReader lines = Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                int space = line.indexOf(' ');
                factory.purchase(new Reading(Long.parseLong(line, 0, space, 10), Long.parseLong(line, space + 1, line.length(), 10)));
                bought++;
                if (rate > 0) {
                    long due = started + (long) (bought * 1e9 / rate);
                    while (System.nanoTime() < due) {
                        LockSupport.parkNanos(due - System.nanoTime());
                    }
                }
            }
        }
        System.out.println("replayed " + bought);
    }

    /** Prints {@code committed N} (products so far) after each shipment the warehouse took, so the test knows when to kill. */
    @SuppressWarnings("try") // Warehouse.close() may throw any Exception, as AutoCloseable allows
    private static Warehouse<Row> reporting(Warehouse<Row> warehouse) {
        return new Warehouse<>() {
            private long committed;

            @Override
            public void receive(io.github.loomfactory.api.Shipment<Row> shipment) throws Exception {
                warehouse.receive(shipment);
                committed += shipment.size();
                System.out.println("committed " + committed);
                System.out.flush();
            }

            @Override
            public void close() throws Exception {
                warehouse.close();
            }
        };
    }
}
