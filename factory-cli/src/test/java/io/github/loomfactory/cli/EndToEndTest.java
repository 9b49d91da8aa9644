package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import io.github.loomfactory.flows.FlowRecord;
import io.github.loomfactory.flows.Packet;
import io.github.loomfactory.flows.SyntheticPackets;
import io.github.loomfactory.flows.testing.PcapFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command end to end, each run in its own JVM as users run it. */
class EndToEndTest {
    // reads one CSV row as its cells
    private static final ObjectReader CSV_ROW = new CsvMapper().readerFor(String[].class);
    private static final Pattern PURCHASED = Pattern.compile("purchased ([0-9,]+), processed ([0-9,]+), shipped ([0-9,]+) products");

    @TempDir
    static Path shared;
    static Path plugins;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildPlugins() throws IOException, InterruptedException {
        plugins = shared.resolve("plugins");
        TestPlugins.jar(shared, plugins, "readings", TestPlugins.READINGS);
    }

    private static List<JsonNode> jsonLines(Path file) throws IOException {
        var nodes = new ArrayList<JsonNode>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            nodes.add(Json.MAPPER.readTree(line));
        }
        return nodes;
    }

    private static List<Path> files(Path dir, String extension) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(extension)).sorted().toList();
        }
    }

    /** Packets in flow records: forward plus backward, over every record file of {@code dir}. */
    private static long packetsIn(Path dir) throws IOException {
        long packets = 0;
        for (Path file : files(dir, ".jsonl")) {
            if (!file.getFileName().toString().equals(Rejects.FILE_NAME)) {
                for (JsonNode node : jsonLines(file)) {
                    packets += node.get("packets_fwd").asLong() + node.get("packets_bwd").asLong();
                }
            }
        }
        return packets;
    }

    private static long purchased(String summary) {
        Matcher matcher = PURCHASED.matcher(summary);
        assertTrue(matcher.find(), "no summary in: " + summary);
        return Long.parseLong(matcher.group(1).replace(",", ""));
    }

    private static void assertNoStackTrace(Cli.Result result) {
        assertFalse(result.err().contains("\tat "), "a stack trace: " + result);
        assertFalse(result.err().contains("Exception in thread"), "an uncaught exception: " + result);
    }

    private static List<Packet> packets(int count) {
        var packets = new ArrayList<Packet>(count);
        SyntheticPackets.builder().seed(7).conversations(300).limit(count).build().forEach(packets::add);
        return packets;
    }

    private static void awaitText(Cli.Running running, Predicate<Cli.Running> condition, String what)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.test(running)) {
            if (System.nanoTime() - deadline > 0 || !running.process().isAlive()) {
                throw new AssertionError("no " + what + ":\n--- stdout\n" + running.outText() + "--- stderr\n" + running.errText());
            }
            Thread.sleep(50);
        }
    }

    private static boolean says(Cli.Running running, boolean stdout, String text) {
        try {
            return (stdout ? running.outText() : running.errText()).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void demoAssemblesSyntheticPacketsIntoFlowsAndLosesNone() throws Exception {
        var result = Cli.run(dir, "demo", "--materials", "30000", "--rate", "20000", "--seconds", "60");

        assertEquals(0, result.code(), result.toString());
        Path out = dir.resolve("factory-out");
        assertEquals(List.of(out.resolve("icmp.jsonl"), out.resolve("tcp.jsonl"), out.resolve("udp.jsonl")), files(out, ".jsonl"));
        assertEquals(30_000, purchased(result.out()));
        assertEquals(30_000, packetsIn(out), "every packet is in exactly one flow record");
        String[] lines = result.out().split("\n");
        // a status line a second; on a slow machine purchasing may end before the first one, which
        // then tells the drain
        assertTrue(Arrays.stream(lines).anyMatch(line -> (line.startsWith("purchased ") || line.startsWith("draining: "))
                && line.contains("/s | lines [")), "a status line a second: " + result);
        assertFalse(result.out().contains("\r") || result.out().contains("\033"), "plain lines when not on a terminal");
        assertTrue(lines[lines.length - 1].startsWith("done after "), result.toString());
        assertNoStackTrace(result);
    }

    @Test
    void runGivesTheSameFlowsFromJsonLinesCsvAndPcap() throws Exception {
        // the payload each packet's headers in the pcap tell, so that all three inputs carry the same
        List<Packet> packets = packets(4000).stream().map(EndToEndTest::asOnTheWire).toList();
        var jsonl = new StringBuilder();
        var csv = new StringBuilder("timestamp,srcAddr,srcPort,dstAddr,dstPort,protocol,length,tcpFlags,payload,ipProtocol\n");
        for (Packet p : packets) {
            jsonl.append(Json.MAPPER.writeValueAsString(p)).append('\n');
            csv.append(String.join(",", p.timestamp().toString(), p.srcAddr(), Integer.toString(p.srcPort()), p.dstAddr(),
                    Integer.toString(p.dstPort()), p.protocol().name().toLowerCase(Locale.ROOT), Integer.toString(p.length()),
                    Integer.toString(p.tcpFlags()), Integer.toString(p.payload()), Integer.toString(p.ipProtocol()))).append('\n');
        }
        Files.writeString(dir.resolve("packets.jsonl"), jsonl);
        Files.writeString(dir.resolve("packets.csv"), csv);
        PcapFiles.write(dir.resolve("packets.pcap"), PcapFiles.Format.ethernet().nanos(true), packets);
        String[] engine = {"run", "--blueprint", "flows", "--event-time", "--inspection", "1s", "--contract", "50ms"};

        var fromJson = Cli.run(dir, concat(engine, "--input", "packets.jsonl", "--warehouse", "jsonl:from-json"));
        var fromCsv = Cli.run(dir, concat(engine, "--input", "packets.csv", "--warehouse", "csv:from-csv"));
        var fromPcap = Cli.run(dir, concat(engine, "--input", "packets.pcap", "--warehouse", "jsonl:from-pcap"));

        for (var result : List.of(fromJson, fromCsv, fromPcap)) {
            assertEquals(0, result.code(), result.toString());
            assertEquals(4000, purchased(result.out()), result.toString());
        }
        assertEquals(4000, packetsIn(dir.resolve("from-json")));
        for (String protocol : List.of("tcp", "udp", "icmp")) {
            List<String> json = sorted(Files.readAllLines(dir.resolve("from-json").resolve(protocol + ".jsonl")));
            assertSameLines(json, Files.readAllLines(dir.resolve("from-pcap").resolve(protocol + ".jsonl")), "pcap " + protocol);
            List<String> rows = Files.readAllLines(dir.resolve("from-csv").resolve(protocol + ".csv"));
            assertEquals(String.join(",", Arrays.stream(FlowRecord.class.getRecordComponents()).map(c -> c.getName()).toList()),
                    rows.getFirst(), "the CSV header names the record's components in order");
            assertSameLines(json, rows.subList(1, rows.size()).stream().map(EndToEndTest::csvRowAsJson).toList(), "csv " + protocol);
        }
        assertTrue(json(dir.resolve("from-json").resolve("tcp.jsonl")).stream().anyMatch(n -> n.get("end_reason").asText().equals("idle")),
                "a 50 ms contract on event time ends some flows idle");
    }

    /**
     * The packet with the payload length its Ethernet frame in a {@link PcapFiles} capture tells:
     * its length less the Ethernet, IP and transport headers.
     */
    private static Packet asOnTheWire(Packet p) {
        int ip = p.srcAddr().indexOf(':') >= 0 ? 40 : 20;
        int transport = switch (p.protocol()) {
            case TCP -> 20;
            case UDP, ICMP -> 8;
            case OTHER -> 0;
        };
        return new Packet(p.timestamp(), p.srcAddr(), p.srcPort(), p.dstAddr(), p.dstPort(), p.protocol(), p.length(),
                p.tcpFlags(), Math.max(0, p.length() - 14 - ip - transport), p.ipProtocol());
    }

    /** Compares flow records as multisets: on event time the same packets make the same records. */
    private static void assertSameLines(List<String> expected, List<String> actual, String what) {
        var missing = new ArrayList<>(expected);
        actual.forEach(missing::remove);
        var extra = new ArrayList<>(actual);
        expected.forEach(extra::remove);
        assertTrue(missing.isEmpty() && extra.isEmpty(), what + ": " + missing.size() + " records missing, e.g. "
                + missing.stream().limit(3).toList() + "; " + extra.size() + " extra, e.g. " + extra.stream().limit(3).toList());
    }

    private static String csvRowAsJson(String row) {
        var node = Json.MAPPER.createObjectNode();
        String[] cells;
        try {
            cells = CSV_ROW.readValue(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var components = FlowRecord.class.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            Class<?> type = components[i].getType();
            if (type == int.class || type == long.class) {
                node.put(components[i].getName(), Long.parseLong(cells[i]));
            } else if (type == double.class) {
                node.put(components[i].getName(), Double.parseDouble(cells[i]));
            } else {
                node.put(components[i].getName(), cells[i]);
            }
        }
        return node.toString();
    }

    private static List<JsonNode> json(Path file) throws IOException {
        return jsonLines(file);
    }

    private static List<String> sorted(List<String> lines) {
        return lines.stream().sorted().toList();
    }

    private static String[] concat(String[] first, String... more) {
        var all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void malformedRecordsGoToTheRejectFileAndTheRunGoesOn() throws Exception {
        Files.writeString(dir.resolve("readings.jsonl"), """
                {"sensor":"a","value":1}
                {"sensor":"a","value":oops}
                {"sensor":"b","value":2}
                {"sensor":"b"}
                {"sensor":"a","value":-5}
                {"sensor":"a","value":3}
                """);

        var result = Cli.run(dir, "run", "--plugins", plugins.toString(), "--blueprint", "strict", "--input", "readings.jsonl");

        assertEquals(0, result.code(), result.toString());
        List<JsonNode> rejects = jsonLines(dir.resolve("factory-out").resolve(Rejects.FILE_NAME));
        assertEquals(3, rejects.size(), rejects.toString());
        assertEquals("readings.jsonl", rejects.get(0).get("source").asText());
        var inputRejects = rejects.stream().filter(node -> node.has("line")).toList();
        assertEquals(List.of(2, 4), inputRejects.stream().map(node -> node.get("line").asInt()).toList());
        assertEquals("{\"sensor\":\"a\",\"value\":oops}", inputRejects.get(0).get("raw").asText());
        assertTrue(inputRejects.get(1).get("reason").asText().startsWith("Missing creator property 'value'"), inputRejects.toString());
        JsonNode deadLetter = rejects.stream().filter(node -> node.has("pid")).findFirst().orElseThrow();
        assertEquals("blueprint strict", deadLetter.get("source").asText());
        assertEquals("a", deadLetter.get("pid").asText());
        assertEquals("java.lang.IllegalArgumentException: negative reading -5 of a", deadLetter.get("reason").asText());
        assertEquals(-5, deadLetter.get("material").get("value").asInt());
        assertEquals(List.of("{\"sensor\":\"a\",\"count\":2,\"sum\":4,\"bay\":\"totals\"}", "{\"sensor\":\"b\",\"count\":1,\"sum\":2,\"bay\":\"totals\"}"),
                sorted(Files.readAllLines(dir.resolve("factory-out").resolve("totals.jsonl"))));
        assertTrue(result.err().contains("factory: reject: readings.jsonl line 2: "), result.toString());
        assertTrue(result.err().contains("factory: WARN: blueprint 'strict' rejected a material of pid a: "
                + "java.lang.IllegalArgumentException: negative reading -5 of a"), "the engine's log through tinylog: " + result);
        assertTrue(result.out().contains("rejects 3"), result.toString());
        assertNoStackTrace(result);
    }

    @Test
    void tooManyRejectsStopTheRunWithExitCode1() throws Exception {
        Files.writeString(dir.resolve("readings.jsonl"), "{\"sensor\":\"a\",\"value\":1}\nbad\nworse\n{\"sensor\":\"a\",\"value\":2}\n");

        var result = Cli.run(dir, "run", "--plugins", plugins.toString(), "--blueprint", "strict", "--input", "readings.jsonl",
                "--max-rejects", "1");

        assertEquals(1, result.code(), result.toString());
        assertTrue(result.err().contains("factory: stopped after 2 rejects (more than --max-rejects 1)"), result.toString());
        assertEquals(List.of("{\"sensor\":\"a\",\"count\":1,\"sum\":1,\"bay\":\"totals\"}"),
                Files.readAllLines(dir.resolve("factory-out").resolve("totals.jsonl")), "what was accepted is shipped");
        assertNoStackTrace(result);
    }

    @Test
    void aFailingBlueprintUnderTheFailPolicyEndsWithExitCode1AndTheCause() throws Exception {
        Files.writeString(dir.resolve("readings.csv"), "sensor,value\na,1\na,-1\n");

        var result = Cli.run(dir, "run", "--plugins", plugins.toString(), "--blueprint", "strict", "--input", "readings.csv",
                "--failure-policy", "fail");

        assertEquals(1, result.code(), result.toString());
        assertTrue(result.err().contains("factory: the run failed: blueprint 'strict' failed on pid a: "
                + "java.lang.IllegalArgumentException: negative reading -1 of a"), result.toString());
        List<String> out = result.out().lines().toList();
        assertTrue(out.getLast().startsWith("failed after "), "the summary is the last line (a slow run prints status lines first): " + result);
        assertNoStackTrace(result);
    }

    @Test
    void usageMistakesExitWith2AndOneLine() throws Exception {
        var unknown = Cli.run(dir, "run", "--blueprint", "nope", "--input", "x.jsonl");
        var missing = Cli.run(dir, "run", "--blueprint", "flows", "--input", "missing.jsonl");

        assertEquals(2, unknown.code(), unknown.toString());
        assertEquals("factory: unknown blueprint 'nope' (known: flows); plugins are loaded with --plugins DIR\n", unknown.err());
        assertEquals(2, missing.code(), missing.toString());
        assertEquals("factory: input file not found: missing.jsonl\n", missing.err());
    }

    @Test
    void pclassesFromUserCodeNeverLeaveTheWarehouse() throws Exception {
        Files.writeString(dir.resolve("readings.jsonl"), """
                {"sensor":"../escaped","value":1}
                {"sensor":"/tmp/absolute","value":2}
                {"sensor":"CON","value":3}
                {"sensor":"","value":4}
                {"sensor":"ok","value":5}
                {"sensor":"OK","value":6}
                """);
        Path warehouse = Files.createDirectories(dir.resolve("deep").resolve("out"));

        var result = Cli.run(dir, "run", "--plugins", plugins.toString(), "--blueprint", "scatter", "--input", "readings.jsonl",
                "--warehouse", "jsonl:deep/out");

        assertEquals(0, result.code(), result.toString());
        List<Path> written = files(warehouse, ".jsonl");
        assertEquals(6, written.size(), written.toString());
        long sum = 0;
        for (Path file : written) {
            for (JsonNode node : jsonLines(file)) {
                sum += node.get("sum").asLong();
            }
        }
        assertEquals(21, sum, "every product in exactly one file");
        try (Stream<Path> all = Files.walk(dir)) {
            assertEquals(List.of(), all.filter(Files::isRegularFile)
                    .filter(p -> !p.startsWith(warehouse) && !p.getFileName().toString().matches("(stdout|stderr).*\\.txt|readings\\.jsonl"))
                    .toList(), "nothing written outside the warehouse");
        }
        // "ok" and "OK" would share a file on a case-insensitive file system: whichever is shipped
        // first keeps its plain name, the other gets a hashed one
        assertTrue(Files.exists(warehouse.resolve("ok.jsonl")) != Files.exists(warehouse.resolve("OK.jsonl")),
                written::toString);
    }

    @Test
    void sigtermDrainsEverythingAlreadyAccepted() throws Exception {
        var running = Cli.start(dir, null, "demo", "--seconds", "0", "--rate", "20000");
        awaitText(running, r -> says(r, true, "/s | lines ["), "status line");

        running.process().destroy();
        var result = running.await(Duration.ofSeconds(60));

        assertEquals(143, result.code(), result.toString());
        assertTrue(result.err().contains("factory: SIGTERM: finishing the accepted work"), result.toString());
        assertTrue(result.out().contains("stopped (SIGTERM) after "), result.toString());
        long purchased = purchased(result.out());
        assertTrue(purchased > 0, result.toString());
        assertEquals(purchased, packetsIn(dir.resolve("factory-out")), "every purchased packet is in a shipped flow record");
    }

    @Test
    void aSecondSignalAbortsTheDrainAndSaysWhatWasLeft() throws Exception {
        Files.writeString(dir.resolve("readings.jsonl"), "{\"sensor\":\"a\",\"value\":1}\n{\"sensor\":\"b\",\"value\":2}\n");
        var running = Cli.start(dir, dir.resolve("readings.jsonl"), "run", "--plugins", plugins.toString(), "--blueprint", "sleepy");
        awaitText(running, r -> says(r, true, "/s | lines ["), "status line");

        running.process().destroy();
        awaitText(running, r -> says(r, false, "finishing the accepted work"), "drain message");
        running.process().destroy();
        var result = running.await(Duration.ofSeconds(60));

        assertEquals(143, result.code(), result.toString());
        assertAbortedWithBothWorkersLeft(result);
    }

    @Test
    void aSecondCtrlCAbortsTheDrainAndSaysWhatWasLeft() throws Exception {
        Files.writeString(dir.resolve("readings.jsonl"), "{\"sensor\":\"a\",\"value\":1}\n{\"sensor\":\"b\",\"value\":2}\n");
        var running = Cli.start(dir, dir.resolve("readings.jsonl"), "run", "--plugins", plugins.toString(), "--blueprint", "sleepy");
        awaitText(running, r -> says(r, true, "/s | lines ["), "status line");

        interrupt(running.process());
        awaitText(running, r -> says(r, false, "factory: SIGINT: finishing the accepted work"), "drain message");
        interrupt(running.process());
        var result = running.await(Duration.ofSeconds(60));

        assertEquals(130, result.code(), result.toString());
        assertAbortedWithBothWorkersLeft(result);
    }

    /**
     * The abort left both sleepy workers unretired, and says so; what they had not processed yet
     * depends on how soon the second signal came, but it adds up with what they did.
     */
    private static void assertAbortedWithBothWorkersLeft(Cli.Result result) {
        assertTrue(result.out().contains("aborted after "), result.toString());
        var left = java.util.regex.Pattern.compile("processed (\\d+), .*left undone: (\\d+) materials not processed, 0 products not shipped, 2 workers not retired")
                .matcher(result.out());
        assertTrue(left.find(), result.toString());
        assertEquals(2, Integer.parseInt(left.group(1)) + Integer.parseInt(left.group(2)), "processed and left undone: " + result);
        assertNoStackTrace(result);
    }

    /** Sends SIGINT, as Ctrl-C in a terminal does. */
    private static void interrupt(Process process) throws Exception {
        var kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -INT " + process.pid());
    }
}
