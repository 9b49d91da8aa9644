package io.github.loomfactory.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.jdbc.testing.PostgresServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once in the table across a crash: {@link Replay} (the map blueprint over a file, one
 * row per material, keyed by pid and seq) is killed with SIGKILL (what {@code kill -9} sends)
 * in the middle of its run and started again from the beginning of its input, as a source
 * without settled positions does; the table then holds exactly the rows of an uninterrupted run,
 * none missing, none twice. Run against PostgreSQL and against DuckDB (whose write-ahead log
 * replays the committed shipments when the file is opened again).
 */
class CrashRestartTest {
    @RegisterExtension
    static final PostgresServer SERVER = new PostgresServer();
    private static final int MATERIALS = 30_000;
    private static final Duration RUN_LIMIT = Duration.ofMinutes(3);

    @TempDir
    static Path dir;
    static Path input;

    @BeforeAll
    static void writeInput() throws IOException {
        input = dir.resolve("materials.txt");
        var text = new StringBuilder();
        var random = new SplittableRandom(42);
        long[] next = new long[5000];
        for (int i = 0; i < MATERIALS; i++) {
            int pid = random.nextInt(next.length);
            text.append(pid).append(' ').append(next[pid]++).append('\n');
        }
        Files.writeString(input, text);
    }

    @Test
    void postgresHoldsTheRowsOfAnUninterruptedRunAfterAKillAndARestart() throws Exception {
        try (Connection c = SERVER.connect(); var s = c.createStatement()) {
            s.execute("CREATE SCHEMA crashed");
            s.execute("CREATE SCHEMA reference");
        }
        long returned = killMidRun(List.of("postgres", Integer.toString(SERVER.port()), "crashed"));
        long killed = postgresCount("crashed");
        assertCommitted(returned, killed);
        assertEquals(0, finish(List.of("postgres", Integer.toString(SERVER.port()), "crashed")));
        assertEquals(0, finish(List.of("postgres", Integer.toString(SERVER.port()), "reference")));
        try (Connection c = SERVER.connect()) {
            report("postgresql", killed, c, "crashed.rows", "reference.rows");
        }
    }

    @Test
    void duckDbHoldsTheRowsOfAnUninterruptedRunAfterAKillAndARestart() throws Exception {
        Path crashed = dir.resolve("crashed.duckdb");
        Path reference = dir.resolve("reference.duckdb");
        long returned = killMidRun(List.of("duckdb", crashed.toString()));
        long killed = duckCount(crashed);
        assertCommitted(returned, killed);
        assertEquals(0, finish(List.of("duckdb", crashed.toString())));
        assertEquals(0, finish(List.of("duckdb", reference.toString())));
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + crashed); var s = c.createStatement()) {
            s.execute("ATTACH '" + reference + "' AS reference (READ_ONLY)");
            report("duckdb", killed, c, "main.rows", "reference.main.rows");
        }
    }

    /** Every shipment the warehouse returned from is stored; at most the one in flight more (500 rows), never part of one. */
    private static void assertCommitted(long returned, long stored) {
        assertTrue(stored >= returned && stored <= returned + 500,
                "returned from shipments of " + returned + " rows, " + stored + " stored");
    }

    private static void report(String system, long killed, Connection c, String crashed, String reference) throws SQLException {
        long rows = scalar(c, "SELECT count(*) FROM " + crashed);
        long distinct = scalar(c, "SELECT count(DISTINCT (pid, seq)) FROM " + crashed);
        long referenceRows = scalar(c, "SELECT count(*) FROM " + reference);
        long missing = scalar(c, "SELECT count(*) FROM (SELECT pid, seq, text FROM " + reference + " EXCEPT SELECT pid, seq, text FROM "
                + crashed + ") d");
        long extra = scalar(c, "SELECT count(*) FROM (SELECT pid, seq, text FROM " + crashed + " EXCEPT SELECT pid, seq, text FROM "
                + reference + ") d");
        System.out.printf("crash test %s: %d rows when killed, %d rows after the restart (%d distinct keys), uninterrupted run %d rows,"
                + " missing %d, extra %d%n", system, killed, rows, distinct, referenceRows, missing, extra);
        assertEquals(MATERIALS, referenceRows);
        assertEquals(MATERIALS, rows);
        assertEquals(MATERIALS, distinct);
        assertEquals(0, missing);
        assertEquals(0, extra);
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        try (var s = c.createStatement(); var r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Starts a paced run, kills it with SIGKILL once 3,000 rows are committed, and returns how many it had committed. */
    private static long killMidRun(List<String> target) throws Exception {
        Path log = dir.resolve("killed-" + target.getFirst() + ".log");
        Process process = start(target, 15_000, log);
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        try {
            while (committed(log) < 3_000) {
                if (!process.isAlive()) {
                    throw new AssertionError("the run ended before it could be killed: " + Files.readString(log, StandardCharsets.UTF_8));
                }
                assertTrue(System.nanoTime() < deadline, "no rows arrived in " + RUN_LIMIT);
                Thread.sleep(20);
            }
        } finally {
            process.destroyForcibly(); // SIGKILL: no shutdown hook, no drain, no close
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, process.exitValue(), "killed by SIGKILL");
        long rows = committed(log);
        assertTrue(rows < MATERIALS, "killed in the middle of the run: " + rows + " rows of " + MATERIALS);
        return rows;
    }

    private static int finish(List<String> target) throws Exception {
        Path log = dir.resolve("replay-" + System.nanoTime() + ".log");
        Process process = start(target, 0, log);
        if (!process.waitFor(RUN_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("a replay did not end in " + RUN_LIMIT);
        }
        if (process.exitValue() != 0) {
            System.err.println(Files.readString(log, StandardCharsets.UTF_8));
        }
        return process.exitValue();
    }

    private static Process start(List<String> target, double rate, Path log) throws IOException {
        Path testClasses = Path.of(System.getProperty("loom.test.classes", "target/test-classes")).toAbsolutePath();
        String modulePath = System.getProperty("jdk.module.path");
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-preview",
                "--enable-native-access=duckdb.jdbc", "-Xmx512m", "--module-path", modulePath,
                "--patch-module", "io.github.loomfactory.jdbc=" + testClasses,
                // the engine is a test dependency, on the tests' class path: the patched module must read it
                "--class-path", System.getProperty("java.class.path"), "--add-modules", "ALL-MODULE-PATH",
                "--add-reads", "io.github.loomfactory.jdbc=ALL-UNNAMED",
                "--module", "io.github.loomfactory.jdbc/io.github.loomfactory.jdbc.Replay"));
        command.addAll(target);
        command.add(input.toString());
        command.add(Double.toString(rate));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("PGPASSWORD", PostgresServer.PASSWORD);
        return builder.start();
    }

    private static long postgresCount(String schema) throws SQLException {
        try (Connection c = SERVER.connect(); var s = c.createStatement(); var r = s.executeQuery("SELECT count(*) FROM " + schema + ".rows")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static long duckCount(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); var s = c.createStatement();
                var r = s.executeQuery("SELECT count(*) FROM rows")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The last {@code committed N} the replay printed; 0 before its first shipment. */
    private static long committed(Path log) throws IOException {
        long last = 0;
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("committed ")) {
                last = Long.parseLong(line.substring("committed ".length()).trim());
            }
        }
        return last;
    }
}
