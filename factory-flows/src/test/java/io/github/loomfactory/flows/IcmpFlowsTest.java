package io.github.loomfactory.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.loomfactory.api.Retirement;
import java.time.Instant;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** ICMP flows are keyed as Community ID pairs them: a request and its reply are one flow. */
class IcmpFlowsTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void anEchoRequestAndItsReplyAreOneFlow() throws Exception {
        var request = icmp(0, "1.2.3.4", "5.6.7.8", 8, 0);
        var reply = icmp(1, "5.6.7.8", "1.2.3.4", 0, 0);
        assertEquals(request.pid(), reply.pid());
        FlowRecord record = only(request, reply, icmp(2, "1.2.3.4", "5.6.7.8", 8, 0));
        assertEquals(2, record.packets_fwd());
        assertEquals(1, record.packets_bwd());
        assertEquals(8, record.src_port(), "the first packet's type");
        assertEquals(0, record.dst_port(), "and its code");
        assertEquals(CommunityId.DEFAULT.of("1.2.3.4", "5.6.7.8", 1, 8, 0), record.community_id());
    }

    @Test
    void icmpv6PairsItsOwnTypes() throws Exception {
        var solicitation = icmp(0, "fe80::1", "fe80::2", 135, 0);
        var advertisement = icmp(1, "fe80::2", "fe80::1", 136, 0);
        assertEquals(solicitation.pid(), advertisement.pid());
        assertEquals(58, solicitation.ipProtocol());
        assertNotEquals(icmp(0, "fe80::1", "fe80::2", 128, 0).pid(), icmp(0, "fe80::2", "fe80::1", 0, 0).pid(),
                "an ICMPv4 type number means nothing in ICMPv6");
    }

    @Test
    void oneWayMessagesSentEachWayAreTwoFlows() throws Exception {
        var there = icmp(0, "10.0.0.1", "10.0.0.2", 3, 3);
        var back = icmp(1, "10.0.0.2", "10.0.0.1", 3, 3);
        assertNotEquals(there.pid(), back.pid());
        assertEquals(there.pid(), icmp(5, "10.0.0.1", "10.0.0.2", 3, 3).pid());
        assertNotEquals(there.pid(), icmp(5, "10.0.0.1", "10.0.0.2", 3, 1).pid(), "another code, another flow");
        assertEquals(new FlowKey("10.0.0.2", 3, "10.0.0.1", 3, Protocol.ICMP), back.pid(), "the sender stays first");
    }

    @Test
    void onLoopbackTheTypesAloneTellTheDirections() throws Exception {
        FlowRecord record = only(icmp(0, "::1", "::1", 128, 0), icmp(1, "::1", "::1", 129, 0),
                icmp(2, "::1", "::1", 128, 0), icmp(3, "::1", "::1", 129, 0));
        assertEquals(2, record.packets_fwd());
        assertEquals(2, record.packets_bwd());
        assertEquals("1:gwUCjL48AExQFC0IDZx6AU/nkEk=", record.community_id(), "tshark's, for ::1 echo");
    }

    private static Packet icmp(long millis, String src, String dst, int type, int code) {
        return new Packet(T0.plusMillis(millis), src, type, dst, code, Protocol.ICMP, 98, 0, 56,
                src.indexOf(':') >= 0 ? 58 : 1);
    }

    private static FlowRecord only(Packet... packets) throws Exception {
        var flow = new FlowsBlueprint().newAssembly(packets[0].pid());
        var out = new ArrayList<FlowRecord>();
        for (Packet packet : packets) {
            flow.accept(packet, out::add);
        }
        flow.retire(Retirement.DRAIN, out::add);
        assertEquals(1, out.size());
        return out.getFirst();
    }
}
