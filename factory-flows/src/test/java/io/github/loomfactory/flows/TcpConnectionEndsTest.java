package io.github.loomfactory.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Retirement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How TCP connections end their flows: FIN both ways or RST, a linger for stragglers, reused 5-tuples. */
class TcpConnectionEndsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final String CLIENT = "192.0.2.1";
    private static final String SERVER = "198.51.100.7";
    private static final int SYN = Packet.SYN;
    private static final int ACK = Packet.ACK;
    private static final int FIN = Packet.FIN;
    private static final int RST = Packet.RST;
    private static final int PSH = Packet.PSH;

    private final FlowsBlueprint blueprint = new FlowsBlueprint(Duration.ofMinutes(30), Duration.ofSeconds(2), 0);
    private final Assembly<Packet, FlowRecord> flow = blueprint.newAssembly(c(0, SYN).pid());
    private final List<FlowRecord> out = new ArrayList<>();

    @Test
    void finBothWaysAndTheLastAckMakeOneFlowThatEndsAfterTheLinger() throws Exception {
        handshake(0);
        accept(c(30, ACK | PSH), s(40, ACK | PSH), c(50, ACK | FIN), s(60, ACK | FIN), c(70, ACK));
        flow.inspect(T0.plusMillis(70 + 1999), out::add);
        assertEquals(List.of(), out, "still lingering");
        flow.inspect(T0.plusMillis(70 + 2000), out::add);
        assertEquals(List.of("fin 5/3 from 0"), brief());
    }

    @Test
    void aClosedConnectionKeepsItsEndReasonWhateverRetiresIt() throws Exception {
        handshake(0);
        accept(c(50, ACK | FIN), s(60, ACK | FIN), c(70, ACK));
        flow.retire(Retirement.DRAIN, out::add);
        assertEquals(List.of("fin 4/2 from 0"), brief());
    }

    @Test
    void aResetEndsTheFlowAndWhatFollowsWithinTheLingerStaysInIt() throws Exception {
        handshake(0);
        accept(c(30, ACK | PSH), s(40, RST | ACK), c(41, ACK | PSH), s(42, RST));
        flow.retire(Retirement.IDLE, out::add);
        assertEquals(List.of("rst 4/3 from 0"), brief());
        assertEquals(2, out.getFirst().rst_count());
    }

    @Test
    void aSynAfterTheCloseStartsANewFlowAtOnce() throws Exception {
        handshake(0);
        accept(c(50, ACK | FIN), s(60, ACK | FIN), c(70, ACK));
        handshake(120);
        flow.retire(Retirement.DRAIN, out::add);
        assertEquals(List.of("fin 4/2 from 0", "drain 2/1 from 120"), brief());
    }

    @Test
    void aPacketAfterTheLingerStartsANewFlowEvenWithoutASyn() throws Exception {
        handshake(0);
        accept(c(30, RST));
        accept(s(30 + 2000, ACK | PSH), c(30 + 2010, ACK));
        flow.retire(Retirement.DRAIN, out::add);
        assertEquals(List.of("rst 3/1 from 0", "drain 1/1 from 2030"), brief());
        assertEquals(SERVER, out.get(1).src_addr(), "the new flow's source is its first sender");
    }

    @Test
    void aFlowWithoutSynIsAFlowAndEndsOnFinToo() throws Exception {
        accept(s(0, ACK | PSH), c(10, ACK), c(20, ACK | FIN), s(30, ACK | FIN), c(40, ACK));
        flow.retire(Retirement.IDLE, out::add);
        assertEquals(List.of("fin 2/3 from 0"), brief());
    }

    @Test
    void finOneWayOnlyDoesNotEndTheFlow() throws Exception {
        handshake(0);
        accept(c(50, ACK | FIN), s(60, ACK));
        flow.inspect(T0.plusSeconds(100), out::add);
        assertEquals(List.of(), out);
        accept(s(200_000, ACK | PSH));
        flow.retire(Retirement.IDLE, out::add);
        assertEquals(List.of("idle 3/3 from 0"), brief());
    }

    @Test
    void twoFinsFromOneSideDoNotCloseTheConnection() throws Exception {
        handshake(0);
        accept(c(50, ACK | FIN), c(250, ACK | FIN));
        flow.retire(Retirement.DRAIN, out::add);
        assertEquals(List.of("drain 4/1 from 0"), brief());
    }

    @Test
    void theConnectionOutlivesAnActiveTimeoutSlice() throws Exception {
        var sliced = new FlowsBlueprint(Duration.ofSeconds(10), Duration.ofSeconds(2), 0).newAssembly(c(0, 0).pid());
        for (Packet p : List.of(c(0, SYN), s(10, SYN | ACK), c(9_000, ACK | FIN), s(11_000, ACK | FIN), c(11_010, ACK))) {
            sliced.accept(p, out::add);
        }
        sliced.retire(Retirement.DRAIN, out::add);
        assertEquals(List.of("active 2/1 from 0", "fin 1/1 from 11000"), brief());
    }

    @Test
    void aZeroLingerEndsTheFlowWithTheNextPacket() throws Exception {
        var eager = new FlowsBlueprint(Duration.ofMinutes(1), Duration.ZERO, 0).newAssembly(c(0, 0).pid());
        for (Packet p : List.of(c(0, SYN), s(10, RST), c(10, ACK))) {
            eager.accept(p, out::add);
        }
        eager.retire(Retirement.DRAIN, out::add);
        assertEquals(List.of("rst 1/1 from 0", "drain 1/0 from 10"), brief());
    }

    private void handshake(long millis) throws Exception {
        accept(c(millis, SYN), s(millis + 10, SYN | ACK), c(millis + 20, ACK));
    }

    private void accept(Packet... packets) throws Exception {
        for (Packet packet : packets) {
            flow.accept(packet, out::add);
        }
    }

    /** Each record as "end_reason fwd/bwd from MILLIS": its packets each way and its first packet's time. */
    private List<String> brief() {
        return out.stream().map(r -> r.end_reason() + " " + r.packets_fwd() + "/" + r.packets_bwd() + " from "
                + Duration.between(T0, r.first_seen()).toMillis()).toList();
    }

    private static Packet c(long millis, int flags) {
        return packet(millis, CLIENT, 51000, SERVER, 443, flags);
    }

    private static Packet s(long millis, int flags) {
        return packet(millis, SERVER, 443, CLIENT, 51000, flags);
    }

    private static Packet packet(long millis, String src, int srcPort, String dst, int dstPort, int flags) {
        return new Packet(T0.plusMillis(millis), src, srcPort, dst, dstPort, Protocol.TCP, 66, flags);
    }
}
