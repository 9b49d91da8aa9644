package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.jdbc.testing.PostgresServer;
import io.github.loomfactory.kafka.testing.KafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's exactly once in the table: Kafka in, PostgreSQL out with a key, the {@code factory}
 * process killed with SIGKILL (what {@code kill -9} sends) mid-run and started again in the same
 * group; the table then holds exactly the rows of an uninterrupted run of another group over the
 * same topic, none missing, none twice. Each test prints what the restart read again.
 *
 * <p>A map blueprint's rows are keyed by what identifies its product ({@code sensor, seq}). A
 * blueprint that folds many materials into one product needs a key that a replay cannot change:
 * the committed offset is the position below which every material is settled, and a flow that was
 * shipped can still have packets above it (a later flow was unsettled when the process died). The
 * restart replays those packets as a partial flow: its {@code first_seen} (and with it the
 * five-tuple's orientation) differs from the shipped flow's, but it ends with the same packet, so
 * {@code community_id, last_seen} (orientation-free, and the same for the whole and the part) finds
 * the row already written and the partial flow adds none. Keyed by {@code first_seen} instead, the
 * same run keeps every row and doubles none but adds the partial flows (about 100 rows of 7,500).
 */
class KafkaToPostgresCrashTest {
    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();
    @RegisterExtension
    static final PostgresServer SERVER = new PostgresServer();
    private static final Duration RUN_LIMIT = Duration.ofMinutes(4);

    @TempDir
    static Path dir;

    @Test
    void aMapBlueprintLeavesExactlyTheRowsOfAnUninterruptedRunAfterAKillAndARestart() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        TestPlugins.jar(dir, plugins, "doubling", TestPlugins.DOUBLING);
        KAFKA.createTopic("counts", 2);
        var records = new ArrayList<Map.Entry<String, String>>();
        var random = new SplittableRandom(42);
        long[] seqs = new long[2_000];
        for (int i = 0; i < 200_000; i++) {
            int sensor = random.nextInt(seqs.length);
            records.add(Map.entry("s" + sensor, "{\"sensor\":\"s" + sensor + "\",\"seq\":" + seqs[sensor]++ + ",\"value\":"
                    + random.nextLong(1000) + "}"));
        }
        // the second half goes to the topic only after the kill: however fast the first run is (a
        // fast machine did all 200,000 before its first commit), it cannot have committed them all
        KAFKA.produce("counts", records.subList(0, records.size() / 2));
        var run = List.of("run", "--plugins", plugins.toString(), "--blueprint", "doubling", "--input",
                "kafka://" + KAFKA.bootstrapServers() + "/counts", "--stop-when-idle", "8s", "--shipment-size", "500");
        String table = "?table=doubled&key=sensor,seq&schema=";
        crashAndCompare("map", run, table, "doubled", records.size(), records.size(),
                () -> KAFKA.produce("counts", records.subList(records.size() / 2, records.size())));
    }

    @Test
    void theFlowsBlueprintOnEventTimeLeavesExactlyTheRowsOfAnUninterruptedRunKeyedByCommunityIdAndLastSeen() throws Exception {
        KAFKA.createTopic("packets", 1); // one partition: the data's own order, so event time gives the same flows
        var records = new ArrayList<Map.Entry<String, String>>();
        var random = new SplittableRandom(7);
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < 20_000; i++) {
            int client = random.nextInt(400);
            boolean reply = random.nextBoolean();
            String a = "10.0." + client / 200 + "." + client % 200;
            int clientPort = 40_000 + client % 97;
            String time = start.plusMillis(5L * i).toString();
            String packet = reply
                    ? packet(time, "192.168.1.1", 443, a, clientPort, 1200)
                    : packet(time, a, clientPort, "192.168.1.1", 443, 80);
            records.add(Map.entry(a, packet));
        }
        KAFKA.produce("packets", records);
        var run = List.of("run", "--blueprint", "flows", "--input", "kafka://" + KAFKA.bootstrapServers() + "/packets",
                "--stop-when-idle", "8s", "--event-time", "--contract", "2s", "--inspection", "1s", "--shipment-size", "200");
        String table = "?table=flows&key=community_id,last_seen&schema=";
        crashAndCompare("flows", run, table, "flows", 0, records.size(), () -> { });
    }

    private static String packet(String time, String src, int srcPort, String dst, int dstPort, int length) {
        return "{\"timestamp\":\"" + time + "\",\"srcAddr\":\"" + src + "\",\"srcPort\":" + srcPort + ",\"dstAddr\":\"" + dst
                + "\",\"dstPort\":" + dstPort + ",\"protocol\":\"TCP\",\"length\":" + length + ",\"tcpFlags\":16}";
    }

    /**
     * Runs {@code run} as group {@code name}-crashed into schema {@code name}_crashed, kills it once
     * a third of the rows are in, runs it again to its end, runs group {@code name}-reference
     * uninterrupted into {@code name}_reference, and compares the tables: none missing, none twice
     * and none that the uninterrupted run does not have.
     *
     * @param expectedRows the rows an uninterrupted run makes, or 0 to count them from one
     * @param materials the records on the topic: the kill must come before all are committed
     * @param afterKill what happens between the kill and the restart (more records produced)
     */
    private static void crashAndCompare(String name, List<String> run, String table, String tableName, long expectedRows,
            long materials, ThrowingRunnable afterKill) throws Exception {
        String crashed = name + "_crashed";
        String reference = name + "_reference";
        try (var c = SERVER.connect(); var s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + crashed);
            s.execute("CREATE SCHEMA " + reference);
        }
        Path work = Files.createDirectories(dir.resolve(name));
        var env = Map.of("PGPASSWORD", PostgresServer.PASSWORD);
        String warehouse = "postgresql://" + PostgresServer.USER + "@127.0.0.1:" + SERVER.port() + "/postgres" + table;

        long referenceRows = expectedRows;
        if (expectedRows == 0) {
            // the flows' count is what the uninterrupted run makes: run it first
            var result = start(work, env, run, name + "-reference", warehouse + reference).await(RUN_LIMIT);
            assertEquals(0, result.code(), result.toString());
            referenceRows = count(reference + "." + tableName);
        }
        var first = start(work, env, run, name + "-crashed", warehouse + crashed);
        long third = referenceRows / 3;
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        // killed once a third is in and the group has committed, so that the restart resumes from a commit
        while (count(crashed + "." + tableName) < third || committedTotal(name + "-crashed") == 0) {
            assertTrue(first.process().isAlive(), () -> "the run ended before the kill: " + text(first));
            assertTrue(System.nanoTime() < deadline, () -> "no " + third + " rows within " + RUN_LIMIT + ": " + text(first));
            Thread.sleep(20);
        }
        first.process().destroyForcibly();
        assertTrue(first.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "SIGKILL ended the run");
        long atKill = count(crashed + "." + tableName);
        Map<String, Long> committed = KAFKA.committed(name + "-crashed");
        long committedTotal = committed.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(committedTotal < materials, () -> "the kill came after every record was committed (" + committed
                + ", " + atKill + " rows): the restart has nothing to read again; the killed run said: " + text(first));
        afterKill.run();

        var again = start(work, env, run, name + "-crashed", warehouse + crashed).await(RUN_LIMIT);
        assertEquals(0, again.code(), again.toString());
        if (expectedRows != 0) {
            var result = start(work, env, run, name + "-reference", warehouse + reference).await(RUN_LIMIT);
            assertEquals(0, result.code(), result.toString());
        }
        long crashedRows = count(crashed + "." + tableName);
        long missing = count("(SELECT * FROM " + reference + "." + tableName + " EXCEPT SELECT * FROM " + crashed + "." + tableName + ") d");
        long extra = count("(SELECT * FROM " + crashed + "." + tableName + " EXCEPT SELECT * FROM " + reference + "." + tableName + ") d");
        System.out.printf("kafka -> postgresql, %s: %d rows at the kill, committed %s (%d), the restart read the rest again;"
                + " %d rows, reference %d, %d missing, %d not in the reference%n",
                name, atKill, committed, committedTotal, crashedRows, count(reference + "." + tableName), missing, extra);
        if (expectedRows != 0) {
            assertEquals(expectedRows, count(reference + "." + tableName), "the uninterrupted run's rows");
        }
        assertEquals(0, missing, "rows of the uninterrupted run missing after the crash");
        assertEquals(crashedRows, count("(SELECT DISTINCT * FROM " + crashed + "." + tableName + ") d"), "none twice");
        assertEquals(0, extra, "rows after the crash that the uninterrupted run does not have");
        assertEquals(count(reference + "." + tableName), crashedRows, "exactly the rows of the uninterrupted run");
    }

    /** A step that may throw, as producing to the broker does. */
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static Cli.Running start(Path work, Map<String, String> env, List<String> run, String group, String warehouse)
            throws java.io.IOException {
        var args = new ArrayList<>(run);
        args.addAll(List.of("--group", group, "--warehouse", warehouse));
        return Cli.start(work, null, List.of("-Xmx256m"), env, args.toArray(String[]::new));
    }

    private static String text(Cli.Running running) {
        try {
            return running.outText() + running.errText();
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static long committedTotal(String group) throws Exception {
        return KAFKA.committed(group).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Rows of {@code relation}; zero while it does not exist. */
    private static long count(String relation) throws SQLException {
        try (var c = SERVER.connect(); var s = c.createStatement()) {
            try (var rows = s.executeQuery("SELECT count(*) FROM " + relation)) {
                rows.next();
                return rows.getLong(1);
            } catch (SQLException e) {
                if ("42P01".equals(e.getSQLState())) { // undefined table: no shipment yet
                    return 0;
                }
                throw e;
            }
        }
    }
}
