package io.github.loomfactory.bench;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Shipment;
import io.github.loomfactory.api.Warehouse;
import io.github.loomfactory.core.Factory;
import io.github.loomfactory.core.FactorySettings;
import io.github.loomfactory.jdbc.DuckDbSettings;
import io.github.loomfactory.jdbc.DuckDbWarehouse;
import io.github.loomfactory.jdbc.PasswordSource;
import io.github.loomfactory.jdbc.PostgresSettings;
import io.github.loomfactory.jdbc.PostgresWarehouse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * D1 of BENCHMARKS.md: rows per second from a product stream into PostgreSQL through COPY
 * ({@code PostgresWarehouse}), beside batched INSERT ({@link InsertWarehouse},
 * {@code reWriteBatchedInserts=true}) in the same run, and DuckDB's Appender
 * ({@code DuckDbWarehouse}), on a throwaway PostgreSQL cluster with default durability.
 *
 * <p>Products are W1's: {@code (pid, seq, value*2)} for a uniform stream over K pids from
 * {@code new SplittableRandom(42)}, in bay {@code "c" + pid % 8} (a table each). Two modes:
 * {@code warehouse} ships prebuilt shipments of {@code --shipment} products of one pclass (what
 * the stevedore hands over) and times only the warehouse; {@code factory} runs the stream through
 * a factory (the map blueprint, shipments of the same size) and times it end to end, drain
 * included. Every run checks the rows and their sum in the database afterwards. The peers take
 * turns, their order rotating each round. One line per run:
 *
 * {@snippet lang=text :
 * peer=copy bench=D1 mode=warehouse rows=2000000 seconds=4.321 rows_per_s=462856 ok=true
 * }
 */
public final class DatabaseBench {
    private DatabaseBench() {
    }

    /** A product of D1: W1's map output. */
    public record D1Row(long pid, long seq, long value) implements Product {
        @Override
        public String pclass() {
            return "c" + pid % 8;
        }
    }

    /** A material of D1's factory mode. */
    record D1Material(long key, long seq, long value) implements Material {
        @Override
        public Object pid() {
            return key;
        }
    }

    /**
     * Runs D1.
     *
     * @param args {@code [--rows N] [--k N] [--shipment N] [--rounds N] [--peers copy,insert,duckdb] [--modes warehouse,factory]}
     */
    public static void main(String[] args) throws Exception {
        long rows = 2_000_000;
        int k = 100_000;
        int shipment = 10_000;
        int rounds = 3;
        List<String> peers = List.of("copy", "insert", "duckdb");
        List<String> modes = List.of("warehouse", "factory");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--rows" -> rows = Long.parseLong(args[i + 1]);
                case "--k" -> k = Integer.parseInt(args[i + 1]);
                case "--shipment" -> shipment = Integer.parseInt(args[i + 1]);
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--peers" -> peers = List.of(args[i + 1].split(","));
                case "--modes" -> modes = List.of(args[i + 1].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (expected --rows, --k, --shipment, --rounds, --peers, --modes)");
            }
        }
        Path scratch = Files.createTempDirectory("loom-d1");
        try (var cluster = PostgresCluster.start()) {
            System.err.println("D1: " + cluster.version() + ", pgjdbc " + org.postgresql.util.DriverInfo.DRIVER_VERSION
                    + ", duckdb_jdbc " + duckDbVersion() + ", JDK " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
            List<Shipment<D1Row>> shipments = modes.contains("warehouse") ? shipments(rows, k, shipment) : List.of();
            int run = 0;
            for (int round = 0; round < rounds; round++) {
                for (String mode : modes) {
                    for (int p = 0; p < peers.size(); p++) {
                        String peer = peers.get((p + round) % peers.size());
                        String name = peer + "_" + mode + "_" + run++;
                        var warehouse = warehouse(peer, cluster, name, scratch);
                        long started = System.nanoTime();
                        if (mode.equals("warehouse")) {
                            for (var s : shipments) {
                                warehouse.receive(s);
                            }
                            warehouse.close();
                        } else {
                            throughFactory(warehouse, rows, k, shipment);
                        }
                        double seconds = (System.nanoTime() - started) / 1e9;
                        boolean ok = check(peer, cluster, name, scratch, rows, expectedSum(rows, k));
                        System.out.printf(Locale.ROOT, "peer=%s bench=D1 mode=%s rows=%d seconds=%.3f rows_per_s=%.0f ok=%b%n",
                                peer, mode, rows, seconds, rows / seconds, ok);
                    }
                }
            }
        }
    }

    private static Warehouse<D1Row> warehouse(String peer, PostgresCluster cluster, String name, Path scratch) throws SQLException {
        return switch (peer) {
            case "copy" -> {
                schema(cluster, name);
                yield PostgresWarehouse.of(PostgresSettings.builder().host("127.0.0.1").port(cluster.port()).database("postgres")
                        .user(PostgresCluster.USER).schema(name)
                        .passwords(PasswordSource.of(Map.of("PGPASSWORD", PostgresCluster.PASSWORD), scratch)).build());
            }
            case "insert" -> {
                schema(cluster, name);
                yield new InsertWarehouse(cluster.port(), name);
            }
            case "duckdb" -> DuckDbWarehouse.of(DuckDbSettings.builder(scratch.resolve(name + ".duckdb")).build());
            default -> throw new IllegalArgumentException("unknown peer " + peer + " (copy, insert, duckdb)");
        };
    }

    private static void throughFactory(Warehouse<D1Row> warehouse, long rows, int k, int shipment) throws InterruptedException {
        var settings = FactorySettings.builder().shipmentSize(shipment).statusInterval(Duration.ZERO).build();
        var random = new SplittableRandom(42);
        long[] seqs = new long[k];
        try (var factory = Factory.builder(new MapBlueprint(), warehouse).settings(settings).start()) {
            for (long i = 0; i < rows; i++) {
                int pid = random.nextInt(k);
                factory.purchase(new D1Material(pid, seqs[pid]++, random.nextLong(1000)));
            }
        }
    }

    /** W1's map: one {@code (pid, seq, value*2)} per material. */
    static final class MapBlueprint implements Blueprint<D1Material, D1Row> {
        @Override
        public String name() {
            return "d1-map";
        }

        @Override
        public Class<D1Material> materialType() {
            return D1Material.class;
        }

        @Override
        public Class<D1Row> productType() {
            return D1Row.class;
        }

        @Override
        public Assembly<D1Material, D1Row> newAssembly(Object pid) {
            return (m, out) -> out.emit(new D1Row(m.key(), m.seq(), m.value() * 2));
        }
    }

    /** The stream as the stevedore would ship it: bays per pclass, a shipment whenever a bay is full, the rest at the end. */
    private static List<Shipment<D1Row>> shipments(long rows, int k, int size) {
        var random = new SplittableRandom(42);
        long[] seqs = new long[k];
        var bays = new ArrayList<List<D1Row>>();
        for (int i = 0; i < 8; i++) {
            bays.add(new ArrayList<>(size));
        }
        var shipments = new ArrayList<Shipment<D1Row>>();
        for (long i = 0; i < rows; i++) {
            int pid = random.nextInt(k);
            var row = new D1Row(pid, seqs[pid]++, random.nextLong(1000) * 2);
            var bay = bays.get(pid % 8);
            bay.add(row);
            if (bay.size() == size) {
                shipments.add(new Shipment<>(row.pclass(), bay));
                bay.clear();
            }
        }
        for (int i = 0; i < 8; i++) {
            if (!bays.get(i).isEmpty()) {
                shipments.add(new Shipment<>("c" + i, bays.get(i)));
            }
        }
        return shipments;
    }

    private static long expectedSum(long rows, int k) {
        var random = new SplittableRandom(42);
        long sum = 0;
        for (long i = 0; i < rows; i++) {
            random.nextInt(k);
            sum += random.nextLong(1000) * 2;
        }
        return sum;
    }

    private static boolean check(String peer, PostgresCluster cluster, String name, Path scratch, long rows, long sum) throws SQLException {
        String union = String.join(" UNION ALL ", java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> "SELECT value FROM " + (peer.equals("duckdb") ? "" : '"' + name + "\".") + "\"c" + i + '"').toList());
        try (Connection c = peer.equals("duckdb") ? DriverManager.getConnection("jdbc:duckdb:" + scratch.resolve(name + ".duckdb"))
                : postgres(cluster); var s = c.createStatement(); var r = s.executeQuery("SELECT count(*), sum(value) FROM (" + union + ") v")) {
            r.next();
            boolean ok = r.getLong(1) == rows && r.getLong(2) == sum;
            if (!ok) {
                System.err.println("D1 " + name + ": " + r.getLong(1) + " rows with sum " + r.getLong(2) + ", expected " + rows + " with sum " + sum);
            }
            return ok;
        }
    }

    private static void schema(PostgresCluster cluster, String name) throws SQLException {
        try (Connection c = postgres(cluster); var s = c.createStatement()) {
            s.execute("CREATE SCHEMA \"" + name + '"');
        }
    }

    private static Connection postgres(PostgresCluster cluster) throws SQLException {
        var properties = new Properties();
        properties.setProperty("user", PostgresCluster.USER);
        properties.setProperty("password", PostgresCluster.PASSWORD);
        return new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + cluster.port() + "/postgres", properties);
    }

    private static String duckDbVersion() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); var s = c.createStatement(); var r = s.executeQuery("SELECT version()")) {
            r.next();
            return r.getString(1);
        }
    }
}
