package io.github.loomfactory.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PacketTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void bothDirectionsHaveTheSameKey() {
        var request = new Packet(T0, "10.0.0.9", 40000, "10.0.0.10", 80, Protocol.TCP, 60, 0);
        var reply = new Packet(T0, "10.0.0.10", 80, "10.0.0.9", 40000, Protocol.TCP, 60, 0);
        assertEquals(request.pid(), reply.pid());
        assertEquals(new FlowKey("10.0.0.10", 80, "10.0.0.9", 40000, Protocol.TCP), request.pid());
        assertEquals("tcp 10.0.0.10:80 <-> 10.0.0.9:40000", request.pid().toString());
    }

    @Test
    void keysDifferByPortAndProtocol() {
        var tcp = new Packet(T0, "10.0.0.1", 1, "10.0.0.2", 2, Protocol.TCP, 60, 0);
        assertNotEquals(tcp.pid(), new Packet(T0, "10.0.0.1", 1, "10.0.0.2", 3, Protocol.TCP, 60, 0).pid());
        assertNotEquals(tcp.pid(), new Packet(T0, "10.0.0.1", 1, "10.0.0.2", 2, Protocol.UDP, 60, 0).pid());
        assertNotEquals(tcp.pid(), new Packet(T0, "10.0.0.1", 2, "10.0.0.2", 1, Protocol.TCP, 60, 0).pid());
    }

    @Test
    void ipv6KeysPrintTheirEndpointsInBrackets() {
        var packet = new Packet(T0, "2001:db8::2", 443, "2001:db8::1", 5000, Protocol.UDP, 60, 0);
        assertEquals("udp [2001:db8::1]:5000 <-> [2001:db8::2]:443", packet.pid().toString());
    }

    @Test
    void eventTimeIsTheTimestamp() {
        var packet = new Packet(T0, "10.0.0.1", 0, "10.0.0.2", 0, Protocol.ICMP, 98, 0);
        assertEquals(Optional.of(T0), packet.eventTime());
    }

    @Test
    void protocolsNameTheirPclass() {
        assertEquals("tcp", Protocol.TCP.pclass());
        assertEquals("udp", Protocol.UDP.pclass());
        assertEquals("icmp", Protocol.ICMP.pclass());
        assertEquals("other", Protocol.OTHER.pclass());
    }

    @Test
    void badPacketsAreRefusedWithClearMessages() {
        assertEquals("srcPort must be in 0..65535: 65536", refused(() ->
                new Packet(T0, "a", 65536, "b", 0, Protocol.UDP, 0, 0)));
        assertEquals("dstPort must be in 0..65535: -1", refused(() ->
                new Packet(T0, "a", 0, "b", -1, Protocol.UDP, 0, 0)));
        assertEquals("packet length must be zero or positive: -5", refused(() ->
                new Packet(T0, "a", 0, "b", 0, Protocol.UDP, -5, 0)));
        assertEquals("tcpFlags must be a flag byte in 0..255: 256", refused(() ->
                new Packet(T0, "a", 0, "b", 0, Protocol.TCP, 0, 256)));
        assertEquals("packet addresses must not be blank: srcAddr ' ', dstAddr 'b'", refused(() ->
                new Packet(T0, " ", 0, "b", 0, Protocol.TCP, 0, 0)));
        var e = assertThrows(NullPointerException.class, () -> new Packet(null, "a", 0, "b", 0, Protocol.TCP, 0, 0));
        assertEquals("timestamp", e.getMessage());
        assertThrows(NullPointerException.class, () -> new Packet(T0, null, 0, "b", 0, Protocol.TCP, 0, 0));
        assertThrows(NullPointerException.class, () -> new Packet(T0, "a", 0, null, 0, Protocol.TCP, 0, 0));
        assertThrows(NullPointerException.class, () -> new Packet(T0, "a", 0, "b", 0, null, 0, 0));
    }

    @Test
    void aKeyOutOfOrderIsRefused() {
        assertEquals("flow key endpoints out of order: b port 1 must not be larger than a port 2; use FlowKey.of",
                refused(() -> new FlowKey("b", 1, "a", 2, Protocol.TCP)));
        assertEquals("flow key endpoints out of order: a port 2 must not be larger than a port 1; use FlowKey.of",
                refused(() -> new FlowKey("a", 2, "a", 1, Protocol.TCP)));
    }

    @Test
    void badFlowRecordsAreRefused() {
        assertEquals("flow counts must not be negative: packets_fwd 1, bytes_fwd -1, packets_bwd 0, bytes_bwd 0,"
                + " payload_bytes_fwd 0, payload_bytes_bwd 0",
                refused(() -> FlowRecords.of("a", 0, "b", 0, "udp", T0, T0, 1, -1, 0, 0, 0, "idle")));
        assertEquals("last_seen 2026-03-01T11:59:59Z is before first_seen 2026-03-01T12:00:00Z",
                refused(() -> FlowRecords.of("a", 0, "b", 0, "udp", T0, T0.minusSeconds(1), 1, 1, 0, 0, 0, "idle")));
        assertThrows(NullPointerException.class,
                () -> FlowRecords.of("a", 0, "b", 0, "udp", T0, T0, 1, 1, 0, 0, 0, null));
    }

    @Property
    void aKeyIsTheSameFromEitherEndAndCanonical(@ForAll("addresses") String a, @ForAll @IntRange(max = 65535) int portA,
            @ForAll("addresses") String b, @ForAll @IntRange(max = 65535) int portB, @ForAll Protocol protocol) {
        Assume.that(protocol != Protocol.ICMP); // keyed by type pairs: the next property
        var there = new Packet(T0, a, portA, b, portB, protocol, 0, 0).pid();
        var back = new Packet(T0, b, portB, a, portA, protocol, 0, 0).pid();
        assertEquals(there, back);
        assertEquals(there.hashCode(), back.hashCode());
        assertEquals(there, new FlowKey(there.addrA(), there.portA(), there.addrB(), there.portB(), there.protocol()));
    }

    @Property
    void anIcmpRequestAndItsReplyHaveOneKeyAndEveryKeyIsCanonical(@ForAll("addresses") String a,
            @ForAll("addresses") String b, @ForAll @IntRange(max = 255) int type, @ForAll @IntRange(max = 255) int code,
            @ForAll @IntRange(max = 255) int replyCode) {
        var there = new Packet(T0, a, type, b, code, Protocol.ICMP, 0, 0).pid();
        assertEquals(there, new FlowKey(there.addrA(), there.portA(), there.addrB(), there.portB(), there.protocol()));
        int counterpart = IcmpTypes.counterpart(a.indexOf(':') >= 0, type);
        if (counterpart >= 0 && (a.indexOf(':') >= 0) == (b.indexOf(':') >= 0)) {
            assertEquals(there, new Packet(T0, b, counterpart, a, replyCode, Protocol.ICMP, 0, 0).pid());
        }
    }

    @Provide
    Arbitrary<String> addresses() {
        return Arbitraries.of("10.0.0.1", "10.0.0.2", "10.0.0.10", "::1", "2001:db8::1", "192.0.2.1");
    }

    private static String refused(Runnable construction) {
        return assertThrows(IllegalArgumentException.class, construction::run).getMessage();
    }
}
