package io.github.loomfactory.flows.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.flows.Packet;
import io.github.loomfactory.flows.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Reads the real captures of {@code captures/reader} (made on loopback by
 * {@code factory-flows/captures/make-reader-captures.sh}: dumpcap's pcapng, editcap's nanosecond
 * pcap of it, and a pcapng of two interfaces of two link types) and compares every packet with
 * tshark's own dissection of the same file, stored beside it.
 */
class RealCapturesTest {
    private static final String DIR = "/captures/reader/";

    private final List<PcapReject> rejects = new ArrayList<>();

    @ParameterizedTest
    @ValueSource(strings = {"loopback.pcapng", "loopback.pcap", "two-interfaces.pcapng"})
    void everyFrameIsReadAsTsharkDissectsIt(String name) throws IOException {
        List<Packet> expected = tshark(name + ".tsv");
        assertTrue(expected.size() > 50, name + " holds " + expected.size() + " frames");
        assertEquals(expected, read(name));
        assertEquals(List.of(), rejects);
    }

    @Test
    void thePcapngAndItsPcapConversionGiveTheSamePackets() throws IOException {
        assertEquals(read("loopback.pcapng"), read("loopback.pcap"));
    }

    @Test
    void theTwoInterfaceCaptureHoldsTwoLinkTypesInOneSection() throws IOException {
        try (InputStream in = resource("two-interfaces.pcapng");
             var reader = Captures.open(in, "two-interfaces.pcapng", rejects::add)) {
            var ngReader = assertInstanceOf(PcapngReader.class, reader);
            reader.forEachRemaining(packet -> { });
            assertEquals(1, ngReader.sections());
        }
        // lo (Ethernet) and any (Linux cooked, 2 bytes longer) each saw every frame: apart from its
        // timestamp and frame length, each packet comes twice
        var counts = read("two-interfaces.pcapng").stream()
                .collect(java.util.stream.Collectors.groupingBy(p -> List.of(p.srcAddr(), p.srcPort(), p.dstAddr(), p.dstPort(),
                        p.protocol(), p.tcpFlags()), java.util.stream.Collectors.counting()));
        assertTrue(counts.values().stream().allMatch(n -> n % 2 == 0), counts.toString());
    }

    private List<Packet> read(String name) throws IOException {
        try (InputStream in = resource(name); var reader = Captures.open(in, name, rejects::add)) {
            var packets = new ArrayList<Packet>();
            reader.forEachRemaining(packets::add);
            return packets;
        }
    }

    /**
     * The packets of tshark's dissection: frame, time, ip/ipv6 src, dst, tcp/udp ports, ip.proto/ipv6.nxt,
     * length, flags, then tcp.len, udp.length, icmp type and code, icmpv6 type and code, ip.len,
     * ip.hdr_len, ipv6.plen (for the payload length and the ICMP "ports").
     */
    private static List<Packet> tshark(String name) throws IOException {
        String text;
        try (InputStream in = resource(name)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var packets = new ArrayList<Packet>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            var time = new BigDecimal(f[1]);
            long seconds = time.longValue();
            int nanos = time.subtract(BigDecimal.valueOf(seconds)).movePointRight(9).intValueExact();
            boolean v6 = f[2].isEmpty();
            String src = v6 ? f[3] : f[2];
            String dst = v6 ? f[5] : f[4];
            int ipProtocol = Integer.parseInt(v6 ? f[11] : f[10]);
            Protocol protocol = Protocol.of(ipProtocol);
            // the IP payload: IPv4 total length less its header; IPv6 payload length (no extension headers here)
            int ipPayload = v6 ? Integer.parseInt(f[22]) : Integer.parseInt(f[20]) - Integer.parseInt(f[21]);
            int srcPort = port(f[6], f[7]);
            int dstPort = port(f[8], f[9]);
            int payload = switch (protocol) {
                case TCP -> Integer.parseInt(f[14]);
                case UDP -> Integer.parseInt(f[15]) - 8;
                case ICMP -> {
                    srcPort = Integer.parseInt(v6 ? f[18] : f[16]);
                    dstPort = Integer.parseInt(v6 ? f[19] : f[17]);
                    yield ipPayload - 8;
                }
                case OTHER -> ipPayload;
            };
            int flags = f[13].isEmpty() ? 0 : Integer.decode(f[13]) & 0xFF;
            packets.add(new Packet(Instant.ofEpochSecond(seconds, nanos), src, srcPort, dst, dstPort, protocol,
                    Integer.parseInt(f[12]), flags, payload, ipProtocol));
        }
        return packets;
    }

    private static int port(String tcp, String udp) {
        return tcp.isEmpty() ? udp.isEmpty() ? 0 : Integer.parseInt(udp) : Integer.parseInt(tcp);
    }

    private static InputStream resource(String name) {
        return Objects.requireNonNull(RealCapturesTest.class.getResourceAsStream(DIR + name), DIR + name);
    }
}
