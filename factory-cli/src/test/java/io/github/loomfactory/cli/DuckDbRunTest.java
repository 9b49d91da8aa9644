package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.flows.Packet;
import io.github.loomfactory.flows.SyntheticPackets;
import io.github.loomfactory.flows.testing.PcapFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code factory run --warehouse duckdb:...} end to end, in its own JVM: a capture assembled into a DuckDB file. */
class DuckDbRunTest {
    private static final String KEY = "key=src_addr,src_port,dst_addr,dst_port,first_seen";

    @TempDir
    Path dir;

    @Test
    void aCaptureAssembledIntoDuckDbHoldsTheFlowsOfTheFileWarehouseAndARepeatedRunAddsNoRow() throws Exception {
        var packets = new ArrayList<Packet>();
        SyntheticPackets.builder().seed(11).conversations(300).limit(5000).build().forEach(packets::add);
        PcapFiles.write(dir.resolve("capture.pcap"), PcapFiles.Format.ethernet().nanos(true), packets);
        String[] run = {"run", "--blueprint", "flows", "--input", "capture.pcap", "--contract", "50ms"};

        var files = Cli.run(dir, concat(run, "--warehouse", "jsonl:out"));
        var duck = Cli.run(dir, concat(run, "--warehouse", "duckdb:flows.duckdb?" + KEY));
        assertEquals(0, files.code(), files.toString());
        assertEquals(0, duck.code(), duck.toString());
        assertTrue(duck.out().contains("products to duckdb flows.duckdb (a table per pclass)"), duck.toString());
        for (String protocol : List.of("tcp", "udp", "icmp")) {
            long lines = Files.readAllLines(dir.resolve("out").resolve(protocol + ".jsonl")).size();
            assertEquals(List.of(lines, lines), rowsAndKeys(protocol), protocol);
        }
        assertEquals(packets.size(), packetsIn());

        var again = Cli.run(dir, concat(run, "--warehouse", "duckdb:flows.duckdb?" + KEY));
        assertEquals(0, again.code(), again.toString());
        for (String protocol : List.of("tcp", "udp", "icmp")) {
            long lines = Files.readAllLines(dir.resolve("out").resolve(protocol + ".jsonl")).size();
            assertEquals(List.of(lines, lines), rowsAndKeys(protocol), "after the repeat: " + protocol);
        }
    }

    @Test
    void anExistingTableThatDoesNotFitFailsTheRunWithExitCode1NamingTableColumnAndTypes() throws Exception {
        try (var c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("flows.duckdb")); var s = c.createStatement()) {
            s.execute("CREATE TABLE udp (src_addr VARCHAR, src_port VARCHAR)");
        }
        var packets = new ArrayList<Packet>();
        SyntheticPackets.builder().seed(3).conversations(50).limit(500).build().forEach(packets::add);
        PcapFiles.write(dir.resolve("capture.pcap"), PcapFiles.Format.ethernet().nanos(true), packets);
        var result = Cli.run(dir, "run", "--blueprint", "flows", "--input", "capture.pcap", "--retries", "0",
                "--warehouse", "duckdb:flows.duckdb");
        assertEquals(1, result.code(), result.toString());
        assertTrue(result.err().contains("table \"udp\" column \"src_port\" is VARCHAR, but component src_port (int) of"
                + " io.github.loomfactory.flows.FlowRecord needs INTEGER"), result.toString());
    }

    private List<Long> rowsAndKeys(String table) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("flows.duckdb")); var s = c.createStatement();
                var r = s.executeQuery("SELECT count(*), count(DISTINCT (src_addr, src_port, dst_addr, dst_port, first_seen)) FROM " + table)) {
            r.next();
            return List.of(r.getLong(1), r.getLong(2));
        }
    }

    private long packetsIn() throws Exception {
        try (var c = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("flows.duckdb")); var s = c.createStatement();
                var r = s.executeQuery("SELECT sum(packets_fwd + packets_bwd) FROM (SELECT packets_fwd, packets_bwd FROM tcp"
                        + " UNION ALL SELECT packets_fwd, packets_bwd FROM udp UNION ALL SELECT packets_fwd, packets_bwd FROM icmp)")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static String[] concat(String[] first, String... rest) {
        var all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }
}
