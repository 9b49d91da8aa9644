package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.loomfactory.flows.CommunityId;
import io.github.loomfactory.flows.Packet;
import io.github.loomfactory.flows.SyntheticPackets;
import io.github.loomfactory.flows.capture.PcapReader;
import io.github.loomfactory.flows.testing.PcapFiles;
import io.github.loomfactory.flows.testing.PcapngFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code factory run --blueprint flows} over captures told by their magic numbers, and over a live interface. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CaptureInputTest {
    @TempDir
    Path dir;

    @Test
    void pcapPcapngAndGzippedPcapngFromTheStandardInputGiveTheSameFlows() throws Exception {
        List<Packet> packets = new ArrayList<>();
        SyntheticPackets.builder().seed(3).conversations(200).limit(2000).build().forEach(packets::add);
        PcapFiles.write(dir.resolve("packets.pcap"), PcapFiles.Format.ethernet().nanos(true), packets);
        byte[] pcapng = PcapngFiles.pcapng(ByteOrder.BIG_ENDIAN, PcapReader.LINKTYPE_ETHERNET, PcapngFiles.NANOS, packets);
        Files.write(dir.resolve("packets.dat"), pcapng); // the name says nothing: the magic number does
        var gz = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(gz)) {
            out.write(pcapng);
        }
        Files.write(dir.resolve("stdin.bin"), gz.toByteArray());
        String[] engine = {"run", "--blueprint", "flows", "--contract", "50ms"};

        var fromPcap = Cli.run(dir, concat(engine, "--input", "packets.pcap", "--warehouse", "jsonl:from-pcap"));
        var fromPcapng = Cli.run(dir, concat(engine, "--input", "packets.dat", "--warehouse", "jsonl:from-pcapng"));
        var fromStdin = Cli.start(dir, dir.resolve("stdin.bin"), concat(engine, "--warehouse", "jsonl:from-stdin"))
                .await(Duration.ofSeconds(60));

        for (var result : List.of(fromPcap, fromPcapng, fromStdin)) {
            assertEquals(0, result.code(), result.toString());
            assertTrue(result.out().contains("purchased 2,000,"), result.toString());
        }
        for (String protocol : List.of("tcp", "udp", "icmp")) {
            List<String> expected = sorted(dir.resolve("from-pcap").resolve(protocol + ".jsonl"));
            assertEquals(expected, sorted(dir.resolve("from-pcapng").resolve(protocol + ".jsonl")), "pcapng " + protocol);
            assertEquals(expected, sorted(dir.resolve("from-stdin").resolve(protocol + ".jsonl")), "stdin " + protocol);
        }
    }

    @Test
    void aLiveCaptureOnLoopbackEndsAQuietFlowByTheWallClock() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (var receiver = new DatagramSocket(new InetSocketAddress(loopback, 0));
             var sender = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            int port = receiver.getLocalPort();
            var running = Cli.start(dir, null, "run", "--blueprint", "flows", "--interface", "lo", "--filter",
                    "udp and dst port " + port, "--contract", "1s", "--warehouse", "jsonl:live");
            try {
                awaitText(running, "factory: capturing on lo");
                for (int i = 0; i < 3; i++) {
                    byte[] payload = new byte[100];
                    sender.send(new DatagramPacket(payload, payload.length, receiver.getLocalSocketAddress()));
                }
                // nothing more arrives: the 1 s contract on the wall clock retires the flow while the capture runs
                Path flows = dir.resolve("live").resolve("udp.jsonl");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!(Files.exists(flows) && !Files.readString(flows).isBlank()) && System.nanoTime() < deadline
                        && running.process().isAlive()) {
                    Thread.onSpinWait();
                    Thread.sleep(50); // polling a file with a deadline; the outcome is the file's content
                }
                assertTrue(running.process().isAlive(), "the capture still runs: " + running.errText());
                List<String> lines = Files.readAllLines(flows);
                assertEquals(1, lines.size(), lines.toString());
                JsonNode flow = Json.MAPPER.readTree(lines.getFirst());
                assertEquals(sender.getLocalPort(), flow.get("src_port").asInt());
                assertEquals(port, flow.get("dst_port").asInt());
                assertEquals(3, flow.get("packets_fwd").asLong());
                assertEquals(3 * (14 + 20 + 8 + 100), flow.get("bytes_fwd").asLong());
                assertEquals("idle", flow.get("end_reason").asText());
            } finally {
                running.process().destroy(); // SIGTERM: stops the capture and drains
                running.process().waitFor(30, TimeUnit.SECONDS);
                running.process().destroyForcibly();
            }
        }
    }

    @Test
    void theFlowsOptionsAreSetOnTheCommandLine() throws Exception {
        List<Packet> packets = new ArrayList<>();
        SyntheticPackets.builder().seed(5).conversations(20).limit(200).build().forEach(packets::add);
        PcapFiles.write(dir.resolve("seeded.pcap"), PcapFiles.Format.ethernet().nanos(true), packets);

        var seeded = Cli.run(dir, "run", "--blueprint", "flows", "--contract", "50ms", "--input", "seeded.pcap",
                "--set", "community-id-seed=7", "--set", "tcp-linger=0", "--warehouse", "jsonl:seeded");
        var bad = Cli.run(dir, "run", "--blueprint", "flows", "--input", "seeded.pcap", "--set", "community-id-seed=70000");

        assertEquals(0, seeded.code(), seeded.toString());
        var seven = CommunityId.withSeed(7);
        var zero = CommunityId.withSeed(0);
        List<String> lines = Files.readAllLines(dir.resolve("seeded").resolve("tcp.jsonl"));
        assertTrue(!lines.isEmpty(), seeded.toString());
        for (String line : lines) {
            JsonNode flow = Json.MAPPER.readTree(line);
            String id = idOf(seven, flow);
            assertEquals(id, flow.get("community_id").asText(), line);
            assertTrue(!id.equals(idOf(zero, flow)), "seed 7, not 0: " + line);
        }
        assertEquals(2, bad.code(), bad.toString());
        assertEquals(1, bad.err().lines().count(), bad.toString());
        assertTrue(bad.err().contains("option community-id-seed: '70000' must be in 0..65535"), bad.toString());
    }

    /** The Community ID that {@code community} gives the five-tuple of a flow written as JSON. */
    private static String idOf(CommunityId community, JsonNode flow) {
        return community.of(flow.get("src_addr").asText(), flow.get("dst_addr").asText(), flow.get("ip_protocol").asInt(),
                flow.get("src_port").asInt(), flow.get("dst_port").asInt());
    }

    @Test
    void liveCaptureMistakesAreOneLineUsageErrors() throws Exception {
        var missing = Cli.run(dir, "run", "--blueprint", "flows", "--interface", "nosuchif0");
        var badFilter = Cli.run(dir, "run", "--blueprint", "flows", "--interface", "lo", "--filter", "udp and and");
        var filterAlone = Cli.run(dir, "run", "--blueprint", "flows", "--filter", "udp");
        var withInput = Cli.run(dir, "run", "--blueprint", "flows", "--interface", "lo", "--input", "x.pcap");

        assertEquals(2, missing.code(), missing.toString());
        assertEquals("factory: live capture: interface nosuchif0 does not exist ('ip link' lists the interfaces)\n", missing.err());
        assertEquals(2, badFilter.code(), badFilter.toString());
        assertTrue(badFilter.err().startsWith("factory: live capture on lo: bad filter 'udp and and': "), badFilter.toString());
        assertEquals(1, badFilter.err().lines().count(), badFilter.toString());
        assertEquals("factory: --filter selects the packets of a live capture: it needs --interface\n", filterAlone.err());
        assertEquals("factory: --interface captures live: it takes no --input or --format\n", withInput.err());
    }

    private static void awaitText(Cli.Running running, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!running.errText().contains(text)) {
            if (System.nanoTime() > deadline || !running.process().isAlive()) {
                throw new AssertionError("no '" + text + "' from the command: " + running.errText() + running.outText());
            }
            Thread.sleep(50); // polling output with a deadline
        }
    }

    private static List<String> sorted(Path file) throws IOException {
        return Files.readAllLines(file).stream().sorted().toList();
    }

    private static String[] concat(String[] first, String... rest) {
        var all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }
}
