package io.github.loomfactory.flows.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.flows.Packet;
import io.github.loomfactory.flows.Protocol;
import io.github.loomfactory.flows.testing.PcapFiles;
import io.github.loomfactory.flows.testing.PcapFiles.Format;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class PcapProperties {

    /** A capture to write: its format and its packets. */
    record Capture(Format format, List<Packet> packets) {
    }

    @Property(tries = 300)
    void writingThenReadingGivesTheSamePackets(@ForAll("captures") Capture capture) throws IOException {
        var rejects = new ArrayList<PcapReject>();
        byte[] file = PcapFiles.pcap(capture.format(), capture.packets());
        try (var reader = PcapReader.open(new ByteArrayInputStream(file), "prop.pcap", rejects::add)) {
            assertEquals(capture.packets(), PcapReaderTest.drain(reader));
        }
        assertEquals(List.of(), rejects);
    }

    @Property(tries = 300)
    void anyDamageGivesPacketsAndRejectsButNeverACrashOrASkippedRecord(@ForAll("captures") Capture capture,
            @ForAll("damages") List<Tuple.Tuple2<Integer, Byte>> damages, @ForAll("cuts") int cut) {
        byte[] file = PcapFiles.pcap(capture.format(), capture.packets());
        for (var damage : damages) {
            file[damage.get1() % file.length] = damage.get2();
        }
        if (cut > 0) {
            file = java.util.Arrays.copyOf(file, Math.max(0, file.length - cut));
        }
        checkInvariants(file);
    }

    @Property(tries = 300)
    void garbageAfterAValidHeaderNeverCrashes(@ForAll("formats") Format format, @ForAll("garbage") byte[] garbage) {
        byte[] header = PcapFiles.pcap(format, List.of());
        byte[] file = ByteBuffer.allocate(header.length + garbage.length).put(header).put(garbage).array();
        checkInvariants(file);
    }

    /** Every record is a packet or a reject, once, in order; reading ends. */
    private static void checkInvariants(byte[] file) {
        var rejects = new ArrayList<PcapReject>();
        PcapReader reader;
        try {
            reader = PcapReader.open(new ByteArrayInputStream(file), "damaged.pcap", rejects::add);
        } catch (IOException refused) {
            assertTrue(refused.getMessage().startsWith("damaged.pcap: "), refused.getMessage());
            return;
        }
        long packets = 0;
        while (reader.hasNext()) {
            reader.next();
            packets++;
        }
        long records = reader.records();
        long accounted = packets + rejects.size();
        assertTrue(accounted == records || accounted == records + 1,
                "packets " + packets + " + rejects " + rejects + " do not account for " + records + " records");
        for (int i = 0; i < rejects.size(); i++) {
            var reject = rejects.get(i);
            assertTrue(reject.record() >= 1 && reject.record() <= records + 1, reject.toString());
            assertTrue(i == 0 || reject.record() > rejects.get(i - 1).record(), "rejects in record order: " + rejects);
            assertTrue(!reject.reason().isBlank());
        }
    }

    @Provide
    Arbitrary<Format> formats() {
        return Arbitraries.of(Format.all());
    }

    @Provide
    Arbitrary<Capture> captures() {
        return formats().flatMap(format -> packet(format).list().ofMaxSize(12).map(list -> new Capture(format, list)));
    }

    @Provide
    Arbitrary<List<Tuple.Tuple2<Integer, Byte>>> damages() {
        return Combinators.combine(Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.bytes())
                .as(Tuple::of).list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(1, 60)));
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
    }

    private static Arbitrary<Packet> packet(Format format) {
        List<Boolean> families = new ArrayList<>();
        if (format.carriesIpv4()) {
            families.add(false);
        }
        if (format.carriesIpv6()) {
            families.add(true);
        }
        Arbitrary<List<String>> addresses = Arbitraries.of(families)
                .flatMap(v6 -> (v6 ? ipv6() : ipv4()).list().ofSize(2));
        Arbitrary<Integer> ports = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.of(0, 53, 80, 443, 65535)),
                Tuple.of(3, Arbitraries.integers().between(0, 65535)));
        Arbitrary<Instant> times = Combinators.combine(Arbitraries.longs().between(0, 0xFFFF_FFFFL),
                Arbitraries.integers().between(0, 999_999_999))
                .as((seconds, nanos) -> Instant.ofEpochSecond(seconds, format.nanos() ? nanos : nanos / 1000 * 1000));
        return Combinators.combine(addresses, Arbitraries.of(Protocol.class), ports, ports,
                Arbitraries.integers().between(0, 255), times, Arbitraries.integers().between(0, 1500))
                .as((addr, protocol, srcPort, dstPort, flags, time, extra) -> {
                    boolean ported = protocol == Protocol.TCP || protocol == Protocol.UDP;
                    var draft = new Packet(time, addr.get(0), ported ? srcPort : 0, addr.get(1), ported ? dstPort : 0,
                            protocol, 0, protocol == Protocol.TCP ? flags : 0);
                    int frame = PcapFiles.frame(format.linkType(), draft).length;
                    return new Packet(time, draft.srcAddr(), draft.srcPort(), draft.dstAddr(), draft.dstPort(), protocol,
                            frame + extra, draft.tcpFlags());
                });
    }

    private static Arbitrary<String> ipv4() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.of("10.0.0.1", "10.0.0.2", "192.0.2.1")),
                Tuple.of(2, Arbitraries.integers().map(AddressText::formatIpv4)));
    }

    private static Arbitrary<String> ipv6() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.of("::1", "2001:db8::1", "::ffff:192.0.2.1", "fe80::1")),
                Tuple.of(2, Combinators.combine(Arbitraries.longs(), Arbitraries.longs().between(0, 0xFFFF))
                        .as(AddressText::formatIpv6)));
    }
}
