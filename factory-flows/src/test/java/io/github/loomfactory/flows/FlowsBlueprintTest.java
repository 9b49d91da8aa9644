package io.github.loomfactory.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Options;
import io.github.loomfactory.api.Retirement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlowsBlueprintTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final String CLIENT = "192.0.2.1";
    private static final String SERVER = "198.51.100.7";

    private final FlowsBlueprint blueprint = new FlowsBlueprint(Duration.ofSeconds(60));
    private final List<FlowRecord> out = new ArrayList<>();

    @Test
    void bothDirectionsJoinOneFlowCountedForwardAndBackward() throws Exception {
        var flow = flow(request(0, 74, Packet.SYN));
        flow.accept(request(0, 74, Packet.SYN), out::add);
        flow.accept(reply(10, 74, Packet.SYN | Packet.ACK), out::add);
        flow.accept(request(20, 66, Packet.ACK), out::add);
        flow.accept(request(30, 300, Packet.ACK | Packet.PSH), out::add);
        flow.accept(reply(40, 1514, Packet.ACK), out::add);
        flow.retire(Retirement.DRAIN, out::add);
        assertEquals(List.of(FlowRecords.of(CLIENT, 51000, SERVER, 443, "tcp", T0, T0.plusMillis(40), 3, 74 + 66 + 300,
                2, 74 + 1514, Packet.SYN | Packet.ACK | Packet.PSH, "drain")), cores());
    }

    @Test
    void theSourceIsTheFirstSenderEvenIfItIsTheServer() throws Exception {
        var flow = flow(reply(0, 60, 0));
        flow.accept(reply(0, 60, Packet.ACK), out::add);
        flow.accept(request(5, 70, Packet.ACK), out::add);
        flow.retire(Retirement.IDLE, out::add);
        var record = out.getFirst();
        assertEquals(SERVER, record.src_addr());
        assertEquals(443, record.src_port());
        assertEquals(CLIENT, record.dst_addr());
        assertEquals(51000, record.dst_port());
        assertEquals(1, record.packets_fwd());
        assertEquals(60, record.bytes_fwd());
        assertEquals(1, record.packets_bwd());
        assertEquals(70, record.bytes_bwd());
    }

    @ParameterizedTest
    @CsvSource({"IDLE, idle", "EARLY, early", "DRAIN, drain"})
    void retirementReasonsBecomeEndReasons(Retirement reason, String endReason) throws Exception {
        var flow = flow(request(0, 60, 0));
        flow.accept(request(0, 60, 0), out::add);
        flow.retire(reason, out::add);
        assertEquals(endReason, out.getFirst().end_reason());
    }

    @Test
    void retiringWithoutAPacketEmitsNothing() throws Exception {
        var flow = blueprint.newAssembly(request(0, 60, 0).pid());
        flow.inspect(T0.plusSeconds(3600), out::add);
        flow.retire(Retirement.IDLE, out::add);
        assertEquals(List.of(), cores());
    }

    @Test
    void anInspectionAtTheActiveTimeoutEmitsAndANewRecordStarts() throws Exception {
        var flow = flow(request(0, 100, Packet.SYN));
        flow.accept(request(0, 100, Packet.SYN), out::add);
        flow.accept(reply(1000, 200, Packet.SYN | Packet.ACK), out::add);
        flow.inspect(T0.plusMillis(59_999), out::add);
        assertEquals(List.of(), out, "not yet");
        flow.inspect(T0.plusSeconds(60), out::add);
        assertEquals(List.of(FlowRecords.of(CLIENT, 51000, SERVER, 443, "tcp", T0, T0.plusSeconds(1), 1, 100, 1, 200,
                Packet.SYN | Packet.ACK, "active")), cores());
        flow.inspect(T0.plusSeconds(200), out::add);
        assertEquals(1, out.size(), "an empty flow is not emitted again");

        // the next packet, a reply, opens a fresh record with the replier as source
        flow.accept(reply(61_000, 66, Packet.ACK | Packet.FIN), out::add);
        flow.retire(Retirement.DRAIN, out::add);
        assertEquals(FlowRecords.of(SERVER, 443, CLIENT, 51000, "tcp", T0.plusSeconds(61), T0.plusSeconds(61), 1, 66, 0, 0,
                Packet.ACK | Packet.FIN, "drain"), FlowRecords.core(out.get(1)));
    }

    @Test
    void aPacketAtTheActiveTimeoutEndsTheRecordBeforeItStartsTheNext() throws Exception {
        var flow = flow(request(0, 100, 0));
        flow.accept(request(0, 100, Packet.SYN), out::add);
        flow.accept(reply(59_999, 100, Packet.ACK), out::add);
        flow.accept(reply(60_000, 300, Packet.PSH), out::add);
        flow.retire(Retirement.IDLE, out::add);
        assertEquals(List.of(
                FlowRecords.of(CLIENT, 51000, SERVER, 443, "tcp", T0, T0.plusMillis(59_999), 1, 100, 1, 100,
                        Packet.SYN | Packet.ACK, "active"),
                FlowRecords.of(SERVER, 443, CLIENT, 51000, "tcp", T0.plusSeconds(60), T0.plusSeconds(60), 1, 300, 0, 0,
                        Packet.PSH, "idle")), cores());
    }

    @Test
    void anEarlierPacketMovesFirstSeenBack() throws Exception {
        var flow = flow(request(500, 60, 0));
        flow.accept(request(500, 60, 0), out::add);
        flow.accept(reply(100, 60, 0), out::add);
        flow.accept(reply(300, 60, 0), out::add);
        flow.retire(Retirement.DRAIN, out::add);
        assertEquals(T0.plusMillis(100), out.getFirst().first_seen());
        assertEquals(T0.plusMillis(500), out.getFirst().last_seen());
    }

    @Test
    void udpIcmpAndOtherFlowsHaveTheirProtocolAsPclass() throws Exception {
        for (Protocol protocol : Protocol.values()) {
            out.clear();
            boolean ported = protocol == Protocol.TCP || protocol == Protocol.UDP;
            var packet = new Packet(T0, CLIENT, ported ? 1000 : 0, SERVER, ported ? 53 : 0, protocol, 80, 0);
            var flow = flow(packet);
            flow.accept(packet, out::add);
            flow.retire(Retirement.DRAIN, out::add);
            assertEquals(protocol.pclass(), out.getFirst().protocol());
            assertEquals(protocol.pclass(), out.getFirst().pclass());
            assertEquals(0, out.getFirst().tcp_flags());
        }
    }

    @Test
    void aPacketOfAnotherFlowIsRefused() throws Exception {
        var flow = flow(request(0, 60, 0));
        flow.accept(request(0, 60, 0), out::add);
        var stranger = new Packet(T0, CLIENT, 51001, SERVER, 443, Protocol.TCP, 60, 0);
        var e = assertThrows(IllegalArgumentException.class, () -> flow.accept(stranger, out::add));
        assertEquals("packet " + stranger + " is not part of flow tcp 192.0.2.1:51000 <-> 198.51.100.7:443",
                e.getMessage());
        var udp = new Packet(T0, CLIENT, 51000, SERVER, 443, Protocol.UDP, 60, 0);
        assertThrows(IllegalArgumentException.class, () -> flow.accept(udp, out::add));
        flow.retire(Retirement.DRAIN, out::add);
        assertEquals(1, out.getFirst().packets_fwd(), "the refused packets were not counted");
    }

    @Test
    void aFlowWithItselfCountsEverythingForward() throws Exception {
        var self = new Packet(T0, "::1", 7, "::1", 7, Protocol.UDP, 50, 0);
        var flow = flow(self);
        flow.accept(self, out::add);
        flow.accept(self, out::add);
        flow.retire(Retirement.DRAIN, out::add);
        assertEquals(2, out.getFirst().packets_fwd());
        assertEquals(0, out.getFirst().packets_bwd());
    }

    @Test
    void describesItself() {
        assertEquals("flows", blueprint.name());
        assertSame(Packet.class, blueprint.materialType());
        assertSame(FlowRecord.class, blueprint.productType());
        assertEquals(Duration.ofSeconds(60), blueprint.activeTimeout());
        assertEquals(Duration.ofMinutes(30), FlowsBlueprint.DEFAULT_ACTIVE_TIMEOUT);
        assertEquals(FlowsBlueprint.DEFAULT_ACTIVE_TIMEOUT, new FlowsBlueprint().activeTimeout());
        assertEquals("flows (active timeout PT1M, TCP linger PT2S, community ID seed 0)", blueprint.toString());
    }

    @Test
    void aHugeActiveTimeoutNeverEndsAFlow() throws Exception {
        var forever = new FlowsBlueprint(Duration.ofSeconds(Long.MAX_VALUE));
        var flow = forever.newAssembly(request(0, 1, 0).pid());
        flow.accept(new Packet(Instant.EPOCH, CLIENT, 51000, SERVER, 443, Protocol.TCP, 1, 0), out::add);
        flow.inspect(Instant.MAX, out::add);
        flow.accept(new Packet(Instant.MAX, CLIENT, 51000, SERVER, 443, Protocol.TCP, 1, 0), out::add);
        assertEquals(List.of(), cores());
    }

    @Test
    void theActiveTimeoutMustBePositive() {
        var e = assertThrows(IllegalArgumentException.class, () -> new FlowsBlueprint(Duration.ZERO));
        assertEquals("activeTimeout must be positive: PT0S", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FlowsBlueprint(Duration.ofSeconds(-1)));
        assertThrows(NullPointerException.class, () -> new FlowsBlueprint(null));
    }

    @Test
    @SuppressWarnings("rawtypes") // a class literal of a generic interface is raw
    void theServiceLoaderFindsItByName() {
        // the module provides the blueprint but (a library) does not use the service; the CLI does
        FlowsBlueprint.class.getModule().addUses(Blueprint.class);
        var names = new ArrayList<String>();
        boolean found = false;
        for (var provider : ServiceLoader.load(Blueprint.class).stream().toList()) {
            names.add(provider.get().name());
            found |= provider.type() == FlowsBlueprint.class;
        }
        assertTrue(found && names.contains("flows"), "blueprints found: " + names);
    }

    @Test
    void optionsSetTheTimeoutTheLingerAndTheSeedAndKeepTheRest() throws Exception {
        var configured = blueprint.configure(Options.of(Map.of("tcp-linger", "5s", "community-id-seed", "7")));
        assertEquals(Duration.ofSeconds(60), configured.activeTimeout(), "kept");
        assertEquals(Duration.ofSeconds(5), configured.tcpLinger());
        assertEquals(Duration.ofMinutes(2), blueprint.configure(Options.of(Map.of("active-timeout", "2m"))).activeTimeout());
        assertEquals(blueprint.toString(), blueprint.configure(Options.empty()).toString(), "no options, no change");
        // the seed reaches the flows' records
        var flow = configured.newAssembly(request(0, 60, 0).pid());
        flow.accept(request(0, 60, 0), out::add);
        flow.retire(Retirement.DRAIN, out::add);
        String seeded = CommunityId.withSeed(7).of(CLIENT, SERVER, 6, 51000, 443);
        assertEquals(List.of(seeded), out.stream().map(FlowRecord::community_id).toList());
        assertTrue(!seeded.equals(CommunityId.withSeed(0).of(CLIENT, SERVER, 6, 51000, 443)), "the seed changes the ID");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "linger|5s|unknown option 'linger' (known: active-timeout, community-id-seed, tcp-linger)",
        "active-timeout|0|option active-timeout: '0' must be positive",
        "tcp-linger|soon|option tcp-linger: 'soon' is not a duration (write e.g. 250ms, 5s, 30m, 1h or PT5S)",
        "tcp-linger|PT-1S|option tcp-linger: 'PT-1S' must be zero or more",
        "community-id-seed|65536|option community-id-seed: '65536' must be in 0..65535",
        "community-id-seed|seven|option community-id-seed: 'seven' is not a whole number"})
    void aBadOptionIsRefusedNamingIt(String key, String value, String message) {
        var refused = assertThrows(IllegalArgumentException.class, () -> blueprint.configure(Options.of(Map.of(key, value))));
        assertEquals(message, refused.getMessage());
    }

    private List<FlowRecord> cores() {
        return out.stream().map(FlowRecords::core).toList();
    }

    private Assembly<Packet, FlowRecord> flow(Packet first) {
        return blueprint.newAssembly(first.pid());
    }

    private static Packet request(long millis, int length, int flags) {
        return new Packet(T0.plusMillis(millis), CLIENT, 51000, SERVER, 443, Protocol.TCP, length, flags);
    }

    private static Packet reply(long millis, int length, int flags) {
        return new Packet(T0.plusMillis(millis), SERVER, 443, CLIENT, 51000, Protocol.TCP, length, flags);
    }
}
