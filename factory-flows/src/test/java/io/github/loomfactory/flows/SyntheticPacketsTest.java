package io.github.loomfactory.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticPacketsTest {

    @Test
    void theSameSeedGivesTheSameStream() {
        var one = SyntheticPackets.builder().seed(7).limit(5000).build();
        var two = SyntheticPackets.builder().seed(7).limit(5000).build();
        List<Packet> first = list(one);
        assertEquals(first, list(two));
        assertEquals(first, list(one), "every iterator starts the stream again");
        assertNotEquals(first, list(SyntheticPackets.builder().seed(8).limit(5000).build()));
    }

    @Test
    void theLimitIsKept() {
        assertEquals(1234, list(SyntheticPackets.builder().limit(1234).build()).size());
        var none = SyntheticPackets.builder().limit(0).build().iterator();
        assertFalse(none.hasNext());
        var e = assertThrows(NoSuchElementException.class, none::next);
        assertEquals("synthetic packets ended after their limit of 0", e.getMessage());
        var endless = SyntheticPackets.builder().build();
        assertEquals(SyntheticPackets.UNLIMITED, endless.limit());
        var iterator = endless.iterator();
        for (int i = 0; i < 100_000; i++) {
            iterator.next();
        }
        assertTrue(iterator.hasNext());
    }

    @Test
    void conversationsRepeatInBothDirectionsAmongTheConfiguredHosts() {
        var packets = list(SyntheticPackets.builder().seed(3).hosts(50).conversations(200).limit(20_000).build());
        Map<FlowKey, Integer> perKey = new HashMap<>();
        Map<FlowKey, Set<String>> senders = new HashMap<>();
        Set<String> hosts = new HashSet<>();
        for (var packet : packets) {
            perKey.merge(packet.pid(), 1, Integer::sum);
            senders.computeIfAbsent(packet.pid(), key -> new HashSet<>()).add(packet.srcAddr());
            hosts.add(packet.srcAddr());
            hosts.add(packet.dstAddr());
        }
        assertTrue(perKey.size() <= 200, "at most the configured conversations: " + perKey.size());
        assertTrue(perKey.size() >= 150, "most conversations are heard from: " + perKey.size());
        assertTrue(perKey.values().stream().filter(n -> n >= 10).count() >= 100, "conversations repeat");
        assertTrue(senders.values().stream().filter(s -> s.size() == 2).count() >= 100, "replies come back");
        assertTrue(hosts.size() <= 50);
        for (String host : hosts) {
            assertTrue(host.matches("10\\.0\\.0\\.([1-9]|[1-4][0-9]|50)"), host);
        }
    }

    @Test
    void protocolsAreMostlyTcpAndUdpWithSomeIcmp() {
        var packets = list(SyntheticPackets.builder().seed(5).conversations(10_000).limit(50_000).build());
        Map<Protocol, Integer> conversations = new EnumMap<>(Protocol.class);
        Set<FlowKey> seen = new HashSet<>();
        for (var packet : packets) {
            if (seen.add(packet.pid())) {
                conversations.merge(packet.protocol(), 1, Integer::sum);
            }
            boolean ported = packet.protocol() != Protocol.ICMP;
            assertEquals(ported, packet.srcPort() != 0 && packet.dstPort() != 0, packet.toString());
            assertEquals(packet.protocol() == Protocol.TCP, packet.tcpFlags() != 0, packet.toString());
            assertTrue(packet.length() >= 60 && packet.length() <= 1514, packet.toString());
        }
        double all = seen.size();
        assertEquals(0.70, conversations.get(Protocol.TCP) / all, 0.05, conversations.toString());
        assertEquals(0.25, conversations.get(Protocol.UDP) / all, 0.05, conversations.toString());
        assertEquals(0.05, conversations.get(Protocol.ICMP) / all, 0.02, conversations.toString());
        assertFalse(conversations.containsKey(Protocol.OTHER));
    }

    @Test
    void tcpConversationsOpenWithSynFromTheClientThenSynAck() {
        var packets = list(SyntheticPackets.builder().seed(9).conversations(300).limit(30_000).build());
        Map<FlowKey, List<Packet>> byKey = new HashMap<>();
        for (var packet : packets) {
            if (packet.protocol() == Protocol.TCP) {
                byKey.computeIfAbsent(packet.pid(), key -> new ArrayList<>()).add(packet);
            }
        }
        int checked = 0;
        for (var flow : byKey.values()) {
            assertEquals(Packet.SYN, flow.getFirst().tcpFlags());
            assertTrue(flow.getFirst().srcPort() >= 32768, "the client opens: " + flow.getFirst());
            if (flow.size() > 1) {
                assertEquals(Packet.SYN | Packet.ACK, flow.get(1).tcpFlags());
                assertEquals(flow.getFirst().dstAddr(), flow.get(1).srcAddr());
                checked++;
            }
        }
        assertTrue(checked > 100, "checked " + checked);
    }

    @Test
    void timestampsAdvanceFromTheStartByTheMeanGap() {
        var start = Instant.parse("2020-02-02T02:02:02.5Z");
        var packets = list(SyntheticPackets.builder().start(start).meanGap(Duration.ofMillis(2)).limit(100_000).build());
        assertEquals(start, packets.getFirst().timestamp());
        for (int i = 1; i < packets.size(); i++) {
            assertFalse(packets.get(i).timestamp().isBefore(packets.get(i - 1).timestamp()), "at " + i);
        }
        double meanMillis = Duration.between(start, packets.getLast().timestamp()).toNanos() / 1e6 / (packets.size() - 1);
        assertEquals(2.0, meanMillis, 0.05);
        var still = list(SyntheticPackets.builder().start(start).meanGap(Duration.ZERO).limit(10).build());
        assertTrue(still.stream().allMatch(p -> p.timestamp().equals(start)));
    }

    @Test
    void describesItsOptionsWithTheirDefaults() {
        var defaults = SyntheticPackets.builder().build();
        assertEquals(42, defaults.seed());
        assertEquals(1000, defaults.hosts());
        assertEquals(5000, defaults.conversations());
        assertEquals(Duration.ofNanos(200_000), defaults.meanGap());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), defaults.start());
        assertEquals("synthetic packets (seed 42, 1000 hosts, 5000 conversations, mean gap PT0.0002S,"
                + " start 2026-01-01T00:00:00Z, limit none)", defaults.toString());
        assertTrue(SyntheticPackets.builder().limit(5).build().toString().endsWith("limit 5)"));
    }

    @Test
    void badOptionsAreRefused() {
        assertEquals("hosts must be in 1..16777214: 0", refused(SyntheticPackets.builder().hosts(0)));
        assertEquals("hosts must be in 1..16777214: 16777215", refused(SyntheticPackets.builder().hosts(16_777_215)));
        assertEquals("conversations must be at least 1: 0", refused(SyntheticPackets.builder().conversations(0)));
        assertEquals("meanGap must be in 0..1 s: PT-0.001S",
                refused(SyntheticPackets.builder().meanGap(Duration.ofMillis(-1))));
        assertEquals("meanGap must be in 0..1 s: PT2S", refused(SyntheticPackets.builder().meanGap(Duration.ofSeconds(2))));
        assertEquals("limit must be zero or positive (UNLIMITED for no limit): -1",
                refused(SyntheticPackets.builder().limit(-1)));
        assertThrows(NullPointerException.class, () -> SyntheticPackets.builder().start(null).build());
    }

    @Test
    void oneHostTalksToItself() {
        var packets = list(SyntheticPackets.builder().hosts(1).conversations(3).limit(100).build());
        assertTrue(packets.stream().allMatch(p -> p.srcAddr().equals("10.0.0.1") && p.dstAddr().equals("10.0.0.1")));
    }

    private static String refused(SyntheticPackets.Builder builder) {
        return assertThrows(IllegalArgumentException.class, builder::build).getMessage();
    }

    private static List<Packet> list(Iterable<Packet> packets) {
        var list = new ArrayList<Packet>();
        packets.forEach(list::add);
        return list;
    }
}
