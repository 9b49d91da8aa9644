package io.github.loomfactory.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.Retirement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class FlowsProperties {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    /** One packet of a generated conversation: its direction, size, flags and gap after the previous one. */
    record Step(boolean fromA, int length, int flags, int gapMillis) {
    }

    @Property
    void aConversationBecomesOneRecordWhoseCountsAddUp(@ForAll("conversations") List<Step> steps,
            @ForAll Protocol protocol, @ForAll Retirement reason) throws Exception {
        var packets = packets(steps, protocol);
        var out = new ArrayList<FlowRecord>();
        var flow = new FlowsBlueprint(Duration.ofDays(365)).newAssembly(packets.getFirst().pid());
        for (var packet : packets) {
            flow.accept(packet, out::add);
        }
        flow.retire(reason, out::add);

        assertEquals(1, out.size());
        var record = out.getFirst();
        var first = packets.getFirst();
        assertEquals(first.srcAddr(), record.src_addr());
        assertEquals(first.srcPort(), record.src_port());
        long fwdPackets = 0;
        long fwdBytes = 0;
        long bwdBytes = 0;
        int flags = 0;
        for (var packet : packets) {
            if (packet.srcAddr().equals(first.srcAddr())) {
                fwdPackets++;
                fwdBytes += packet.length();
            } else {
                bwdBytes += packet.length();
            }
            flags |= packet.tcpFlags();
        }
        assertEquals(packets.size(), record.packets_fwd() + record.packets_bwd());
        assertEquals(fwdPackets, record.packets_fwd());
        assertEquals(fwdBytes, record.bytes_fwd());
        assertEquals(bwdBytes, record.bytes_bwd());
        assertEquals(flags, record.tcp_flags());
        assertEquals(first.timestamp(), record.first_seen());
        assertEquals(packets.getLast().timestamp(), record.last_seen());
        String expected = reason == Retirement.OVERDUE ? FlowsBlueprint.END_EARLY : reason.name().toLowerCase(java.util.Locale.ROOT);
        assertEquals(expected, record.end_reason(), "an OVERDUE retirement (settlement bound) ends a flow early");
    }

    @Property
    void activeTimeoutSlicesLoseAndDuplicateNothing(@ForAll("conversations") List<Step> steps,
            @ForAll @IntRange(min = 1, max = 5000) int activeMillis, @ForAll("inspections") List<Integer> inspectEvery)
            throws Exception {
        var packets = packets(steps, Protocol.UDP);
        var timeout = Duration.ofMillis(activeMillis);
        var out = new ArrayList<FlowRecord>();
        var flow = new FlowsBlueprint(timeout).newAssembly(packets.getFirst().pid());
        for (int i = 0; i < packets.size(); i++) {
            flow.accept(packets.get(i), out::add);
            if (inspectEvery.contains(i)) { // an inspection now and then, at the latest packet's time
                flow.inspect(packets.get(i).timestamp(), out::add);
            }
        }
        flow.retire(Retirement.DRAIN, out::add);

        long total = 0;
        long bytes = 0;
        for (int i = 0; i < out.size(); i++) {
            var record = out.get(i);
            total += record.packets_fwd() + record.packets_bwd();
            bytes += record.bytes_fwd() + record.bytes_bwd();
            assertTrue(Duration.between(record.first_seen(), record.last_seen()).compareTo(timeout) < 0, record.toString());
            assertEquals(i == out.size() - 1 ? "drain" : "active", record.end_reason());
            if (i > 0) {
                assertTrue(!record.first_seen().isBefore(out.get(i - 1).first_seen().plus(timeout)), out.toString());
            }
        }
        assertEquals(packets.size(), total);
        assertEquals(packets.stream().mapToLong(Packet::length).sum(), bytes);
        assertEquals(slices(packets, timeout), out.size(), "records regardless of when inspections ran");
    }

    /** How many records the timeout makes: a slice starts at a packet and holds those before it plus the timeout. */
    private static int slices(List<Packet> packets, Duration timeout) {
        int slices = 0;
        Instant sliceEnd = Instant.MIN;
        for (var packet : packets) {
            if (!packet.timestamp().isBefore(sliceEnd)) {
                slices++;
                sliceEnd = packet.timestamp().plus(timeout);
            }
        }
        return slices;
    }

    @Provide
    Arbitrary<List<Step>> conversations() {
        return Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(0, 65535),
                Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 2000))
                .as(Step::new).list().ofMinSize(1).ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<Integer>> inspections() {
        return Arbitraries.integers().between(0, 59).list().ofMaxSize(10);
    }

    private static List<Packet> packets(List<Step> steps, Protocol protocol) {
        boolean ported = protocol == Protocol.TCP || protocol == Protocol.UDP;
        int portA = ported ? 40000 : 0;
        int portB = ported ? 53 : 0;
        var packets = new ArrayList<Packet>();
        Instant at = T0;
        for (var step : steps) {
            at = at.plusMillis(step.gapMillis());
            // no FIN or RST: a closed connection ends its flow (TcpConnectionEndsTest), this is about one record
            int flags = protocol == Protocol.TCP ? step.flags() & ~(Packet.FIN | Packet.RST) : 0;
            if (protocol == Protocol.ICMP) { // echo requests from a, replies from b
                packets.add(step.fromA()
                        ? new Packet(at, "2001:db8::a", 128, "2001:db8::2", 0, protocol, step.length(), 0)
                        : new Packet(at, "2001:db8::2", 129, "2001:db8::a", 0, protocol, step.length(), 0));
                continue;
            }
            packets.add(step.fromA()
                    ? new Packet(at, "2001:db8::a", portA, "10.0.0.2", portB, protocol, step.length(), flags)
                    : new Packet(at, "10.0.0.2", portB, "2001:db8::a", portA, protocol, step.length(), flags));
        }
        return packets;
    }
}
