package io.github.loomfactory.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.loomfactory.api.Retirement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** The one-pass statistics of a flow equal the textbook two-pass ones over the same packets. */
class FlowStatisticsProperties {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final String CLIENT = "2001:db8::1";
    private static final String SERVER = "2001:db8::2";

    /** One generated packet: its direction, the gap since the previous packet, its sizes and flags. */
    record Step(boolean forward, long gapMicros, int length, int payload, int flags) {
    }

    @Property
    void oneRecordHoldsTheStatisticsOfAllItsPackets(@ForAll("steps") @Size(min = 1, max = 60) List<Step> steps)
            throws Exception {
        var packets = new ArrayList<Packet>();
        Instant at = T0;
        for (Step step : steps) {
            at = at.plusNanos(step.gapMicros() * 1000);
            packets.add(step.forward()
                    ? new Packet(at, CLIENT, 5000, SERVER, 80, Protocol.TCP, step.length(), step.flags(), step.payload(), 6)
                    : new Packet(at, SERVER, 80, CLIENT, 5000, Protocol.TCP, step.length(), step.flags(), step.payload(), 6));
        }
        FlowRecord record = only(packets);

        var fwd = packets.stream().filter(p -> p.srcAddr().equals(packets.getFirst().srcAddr())).toList();
        var bwd = packets.stream().filter(p -> !p.srcAddr().equals(packets.getFirst().srcAddr())).toList();
        assertEquals(fwd.size(), record.packets_fwd());
        assertEquals(bwd.size(), record.packets_bwd());
        assertEquals(fwd.stream().mapToLong(Packet::length).sum(), record.bytes_fwd());
        assertEquals(bwd.stream().mapToLong(Packet::payload).sum(), record.payload_bytes_bwd());
        assertEquals(fwd.stream().mapToLong(Packet::payload).sum(), record.payload_bytes_fwd());
        assertEquals(seconds(packets.getFirst().timestamp(), packets.getLast().timestamp()), record.duration(), 1e-9);

        check(lengths(fwd), record.pkt_len_min_fwd(), record.pkt_len_mean_fwd(), record.pkt_len_max_fwd(),
                record.pkt_len_std_fwd());
        check(lengths(bwd), record.pkt_len_min_bwd(), record.pkt_len_mean_bwd(), record.pkt_len_max_bwd(),
                record.pkt_len_std_bwd());
        check(gaps(fwd), record.iat_min_fwd(), record.iat_mean_fwd(), record.iat_max_fwd(), record.iat_std_fwd());
        check(gaps(bwd), record.iat_min_bwd(), record.iat_mean_bwd(), record.iat_max_bwd(), record.iat_std_bwd());

        assertEquals(count(packets, Packet.SYN), record.syn_count());
        assertEquals(count(packets, Packet.FIN), record.fin_count());
        assertEquals(count(packets, Packet.RST), record.rst_count());
        assertEquals(count(packets, Packet.PSH), record.psh_count());
        assertEquals(count(packets, Packet.ACK), record.ack_count());
        assertEquals(count(packets, Packet.URG), record.urg_count());
        assertEquals(count(packets, Packet.ECE), record.ece_count());
        assertEquals(count(packets, Packet.CWR), record.cwr_count());
    }

    @Example
    void aSmallFlowByHand() throws Exception {
        FlowRecord record = only(List.of(
                new Packet(T0, CLIENT, 5000, SERVER, 80, Protocol.TCP, 100, Packet.SYN, 0, 6),
                new Packet(T0.plusMillis(10), SERVER, 80, CLIENT, 5000, Protocol.TCP, 60, Packet.SYN | Packet.ACK, 0, 6),
                new Packet(T0.plusMillis(30), CLIENT, 5000, SERVER, 80, Protocol.TCP, 200, Packet.ACK, 120, 6),
                new Packet(T0.plusMillis(90), CLIENT, 5000, SERVER, 80, Protocol.TCP, 300, Packet.ACK, 220, 6)));
        assertEquals(0.09, record.duration(), 1e-12);
        assertEquals(100, record.pkt_len_min_fwd());
        assertEquals(200, record.pkt_len_mean_fwd(), 1e-12);
        assertEquals(300, record.pkt_len_max_fwd());
        assertEquals(100, record.pkt_len_std_fwd(), 1e-12); // sample std of 100, 200, 300
        assertEquals(0.03, record.iat_min_fwd(), 1e-12);
        assertEquals(0.045, record.iat_mean_fwd(), 1e-12);
        assertEquals(0.06, record.iat_max_fwd(), 1e-12);
        assertEquals(Math.sqrt(2 * 0.015 * 0.015), record.iat_std_fwd(), 1e-12); // gaps 0.03 and 0.06
        assertEquals(60, record.pkt_len_min_bwd());
        assertEquals(0, record.pkt_len_std_bwd());
        assertEquals(0, record.iat_max_bwd(), "one packet has no gap");
        assertEquals(340, record.payload_bytes_fwd());
        assertEquals(2, record.syn_count());
        assertEquals(3, record.ack_count());
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.longs().between(0, 5_000_000), Arbitraries.integers().between(40, 65_535),
                Arbitraries.integers().between(0, 1_500), Arbitraries.integers().between(0, 255))
                .as((forward, gap, length, payload, flags) -> new Step(forward, gap, length, payload,
                        flags & ~(Packet.FIN | Packet.RST))); // no connection end: one record
        return step.list();
    }

    private static FlowRecord only(List<Packet> packets) throws Exception {
        var blueprint = new FlowsBlueprint(Duration.ofDays(365), Duration.ofSeconds(2), 0);
        var flow = blueprint.newAssembly(packets.getFirst().pid());
        var out = new ArrayList<FlowRecord>();
        for (Packet packet : packets) {
            flow.accept(packet, out::add);
        }
        flow.retire(Retirement.DRAIN, out::add);
        assertEquals(1, out.size(), "records: " + out);
        return out.getFirst();
    }

    private static double[] lengths(List<Packet> packets) {
        return packets.stream().mapToDouble(Packet::length).toArray();
    }

    private static double[] gaps(List<Packet> packets) {
        double[] gaps = new double[Math.max(0, packets.size() - 1)];
        for (int i = 1; i < packets.size(); i++) {
            gaps[i - 1] = seconds(packets.get(i - 1).timestamp(), packets.get(i).timestamp());
        }
        return gaps;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }

    /** Compares min, mean, max and sample standard deviation with the two-pass textbook values. */
    private static void check(double[] values, double min, double mean, double max, double std) {
        double expectedMean = 0;
        for (double v : values) {
            expectedMean += v / values.length;
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - expectedMean) * (v - expectedMean);
        }
        double tolerance = 1e-9 * (1 + Math.abs(expectedMean));
        assertEquals(values.length == 0 ? 0 : java.util.Arrays.stream(values).min().orElseThrow(), min, tolerance);
        assertEquals(values.length == 0 ? 0 : java.util.Arrays.stream(values).max().orElseThrow(), max, tolerance);
        assertEquals(values.length == 0 ? 0 : expectedMean, mean, tolerance);
        assertEquals(values.length < 2 ? 0 : Math.sqrt(squares / (values.length - 1)), std, tolerance * 10);
    }

    private static long count(List<Packet> packets, int flag) {
        return packets.stream().filter(p -> (p.tcpFlags() & flag) != 0).count();
    }
}
