package io.github.loomfactory.flows.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.flows.Packet;
import io.github.loomfactory.flows.Protocol;
import io.github.loomfactory.flows.testing.PcapFiles;
import io.github.loomfactory.flows.testing.PcapFiles.Format;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PcapReaderTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");
    private static final Instant T0_NANOS = Instant.parse("2026-03-01T12:00:00.123456789Z");

    private static final Packet TCP4 = new Packet(T0, "192.0.2.1", 51000, "198.51.100.7", 443, Protocol.TCP, 74,
            Packet.SYN);
    private static final Packet UDP4 = new Packet(T0.plusMillis(1), "198.51.100.7", 53, "192.0.2.1", 40000,
            Protocol.UDP, 120, 0);
    private static final Packet ICMP4 = new Packet(T0.plusMillis(2), "192.0.2.1", 0, "198.51.100.7", 0, Protocol.ICMP,
            98, 0);
    private static final Packet OTHER4 = new Packet(T0.plusMillis(3), "10.0.0.1", 0, "10.0.0.2", 0, Protocol.OTHER,
            80, 0);
    private static final Packet TCP6 = new Packet(T0.plusMillis(4), "2001:db8::1", 443, "2001:db8:0:1::2", 60000,
            Protocol.TCP, 94, Packet.ACK | Packet.PSH | Packet.FIN);
    private static final Packet UDP6 = new Packet(T0.plusMillis(5), "fe80::1", 546, "ff02::1:2", 547, Protocol.UDP,
            100, 0);
    private static final Packet ICMP6 = new Packet(T0.plusMillis(6), "::1", 0, "::ffff:192.0.2.1", 0, Protocol.ICMP,
            118, 0);

    private final List<PcapReject> rejects = new ArrayList<>();

    static List<Format> formats() {
        return Format.all();
    }

    @ParameterizedTest
    @MethodSource("formats")
    void everyFormatDecodesToTheWrittenPackets(Format format) throws IOException {
        var packets = new ArrayList<Packet>();
        if (format.carriesIpv4()) {
            packets.addAll(List.of(TCP4, UDP4, ICMP4, OTHER4));
        }
        if (format.carriesIpv6()) {
            packets.addAll(List.of(TCP6, UDP6, ICMP6));
        }
        if (format.nanos()) {
            packets.add(format.carriesIpv4()
                    ? new Packet(T0_NANOS, "192.0.2.9", 1, "192.0.2.10", 2, Protocol.UDP, 1514, 0)
                    : new Packet(T0_NANOS, "2001:db8::9", 1, "2001:db8::a", 2, Protocol.UDP, 1514, 0));
        }
        try (var reader = read(PcapFiles.pcap(format, packets))) {
            assertEquals(format.linkType(), reader.linkType());
            assertEquals(format.order(), reader.byteOrder());
            assertEquals(format.nanos(), reader.nanosecond());
            assertEquals(262_144, reader.snapLength());
            assertEquals(packets, drain(reader));
            assertEquals(packets.size(), reader.records());
        }
        assertEquals(List.of(), rejects);
    }

    @Test
    void microsecondFilesGiveMicrosecondTimestamps() throws IOException {
        var micros = Instant.parse("2026-03-01T12:00:00.999999Z");
        var packet = new Packet(micros, "192.0.2.1", 1, "192.0.2.2", 2, Protocol.UDP, 60, 0);
        assertEquals(List.of(packet), readAll(PcapFiles.pcap(Format.ethernet(), List.of(packet))));
    }

    @Test
    void vlanTagsAreSkippedOnEthernetAndCookedFrames() throws IOException {
        for (int linkType : new int[] {PcapReader.LINKTYPE_ETHERNET, PcapReader.LINKTYPE_LINUX_SLL,
            PcapReader.LINKTYPE_LINUX_SLL2}) {
            byte[] file = PcapFiles.writer(Format.ethernet().linkType(linkType))
                    .packet(TCP4, PcapFiles.VLAN)
                    .packet(UDP4, PcapFiles.QINQ, PcapFiles.VLAN)
                    .packet(TCP6, PcapFiles.QINQ, PcapFiles.VLAN, PcapFiles.VLAN)
                    .packet(UDP6, 0x9100, PcapFiles.VLAN)
                    .toByteArray();
            assertEquals(List.of(TCP4, UDP4, TCP6, UDP6), readAll(file), "link type " + linkType);
        }
        assertEquals(List.of(), rejects);
    }

    @Test
    void pcapngIsRefusedWithAClearMessage() {
        byte[] pcapng = HexFormat.of().parseHex("0a0d0d0a1c0000004d3c2b1a01000000ffffffffffffffff1c000000");
        var closed = new AtomicBoolean();
        var e = assertThrows(IOException.class, () -> PcapReader.open(closing(pcapng, closed), "x.pcapng", rejects::add));
        assertEquals("x.pcapng: not a classic pcap file: it starts with a pcapng section header; read it with"
                + " PcapngReader or Captures.open", e.getMessage());
        assertTrue(closed.get(), "the stream is closed");
    }

    @Test
    void unknownMagicIsRefused() {
        byte[] text = "just some text, not a capture\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        var e = assertThrows(IOException.class, () -> PcapReader.open(new ByteArrayInputStream(text), "t.txt", rejects::add));
        assertEquals("t.txt: not a classic pcap file: unknown magic number 0x6a757374", e.getMessage());
    }

    @Test
    void aFileShorterThanTheHeaderIsRefused() {
        var e = assertThrows(IOException.class,
                () -> PcapReader.open(new ByteArrayInputStream(new byte[10]), "short.pcap", rejects::add));
        assertEquals("short.pcap: not a classic pcap file: it is 10 bytes long, shorter than the 24-byte"
                + " pcap file header", e.getMessage());
    }

    @Test
    void anUnsupportedLinkTypeIsRefused() {
        byte[] file = PcapFiles.pcap(Format.ethernet().linkType(105), List.of());
        var e = assertThrows(IOException.class, () -> read(file));
        assertTrue(e.getMessage().startsWith("test.pcap: unsupported link type 105; supported are 1 (Ethernet)"),
                e.getMessage());
    }

    @Test
    void anEmptyCaptureHasNoPackets() throws IOException {
        try (var reader = read(PcapFiles.pcap(Format.ethernet(), List.of()))) {
            assertFalse(reader.hasNext());
            var e = assertThrows(NoSuchElementException.class, reader::next);
            assertEquals("test.pcap: no more packets after record 0", e.getMessage());
        }
    }

    @Test
    void nonIpFramesAreRejectedAndReadingGoesOn() throws IOException {
        byte[] arp = PcapFiles.link(PcapReader.LINKTYPE_ETHERNET, 0x0806, new byte[28]);
        byte[] unknown = PcapFiles.link(PcapReader.LINKTYPE_ETHERNET, 0x1234, new byte[28]);
        byte[] llc = PcapFiles.link(PcapReader.LINKTYPE_ETHERNET, 46, new byte[46]);
        byte[] file = PcapFiles.writer(Format.ethernet())
                .packet(TCP4).record(T0, arp, 60).packet(UDP4).record(T0, unknown, 60).record(T0, llc, 60).packet(TCP6)
                .toByteArray();
        assertEquals(List.of(TCP4, UDP4, TCP6), readAll(file));
        assertEquals(List.of(
                reject(2, "ethertype 0x0806 (ARP) is not IP"),
                reject(4, "ethertype 0x1234 is not IP"),
                reject(5, "802.3 frame with length field 46 (LLC), not IP")), rejects);
    }

    @Test
    void cookedFramesOfOtherProtocolsAreRejected() throws IOException {
        byte[] llc = PcapFiles.link(PcapReader.LINKTYPE_LINUX_SLL, 0x0004, new byte[20]);
        byte[] file = PcapFiles.writer(Format.ethernet().linkType(PcapReader.LINKTYPE_LINUX_SLL))
                .record(T0, llc, 36).packet(UDP4).toByteArray();
        assertEquals(List.of(UDP4), readAll(file));
        assertEquals(List.of(reject(1, "ethertype 0x0004 is not IP")), rejects);
    }

    @Test
    void badHeadersAreRejectedWithTheirReasons() throws IOException {
        byte[] ip = PcapFiles.ipPacket(TCP4);
        byte[] shortIhl = ip.clone();
        shortIhl[0] = 0x44;
        byte[] longIhl = ip.clone();
        longIhl[0] = 0x4F;
        byte[] version6 = ip.clone();
        version6[0] = 0x65;
        byte[] badTcpOffset = ip.clone();
        badTcpOffset[20 + 12] = 0x40;
        byte[] file = PcapFiles.writer(Format.ethernet())
                .record(T0, eth(shortIhl), 74)
                .record(T0, eth(longIhl), 74)
                .record(T0, eth(version6), 74)
                .record(T0, eth(badTcpOffset), 74)
                .record(T0, new byte[] {1, 2, 3}, 60)
                .record(T0, PcapFiles.link(PcapReader.LINKTYPE_ETHERNET, 0x0800, new byte[12]), 60)
                .record(T0, PcapFiles.link(PcapReader.LINKTYPE_ETHERNET, 0x86DD, new byte[39]), 60)
                .record(T0, PcapFiles.link(PcapReader.LINKTYPE_ETHERNET, 0x8100, new byte[3]), 60)
                .packet(TCP4)
                .toByteArray();
        assertEquals(List.of(TCP4), readAll(file));
        assertEquals(List.of(
                reject(1, "bad IPv4 header length: 16 bytes, less than 20"),
                reject(2, "truncated IPv4 header: 40 of 60 bytes (with options)"),
                reject(3, "IPv4 ethertype but IP version 6"),
                reject(4, "bad TCP header length: 16 bytes, less than 20"),
                reject(5, "truncated Ethernet header: 3 of 14 bytes"),
                reject(6, "truncated IPv4 header: 12 of 20 bytes"),
                reject(7, "truncated IPv6 header: 39 of 40 bytes"),
                reject(8, "truncated VLAN tag: 3 of 4 bytes")), rejects);
    }

    @Test
    void transportHeadersCutBySnapLengthAreRejected() throws IOException {
        byte[] file = PcapFiles.writer(Format.ethernet().snapLength(44))
                .packet(TCP4).packet(UDP4).packet(ICMP4).toByteArray();
        assertEquals(List.of(UDP4, ICMP4), readAll(file), "UDP's 8 bytes and ICMP fit in 44, TCP's 20 do not");
        assertEquals(List.of(reject(1, "truncated TCP header: 10 of 20 bytes")), rejects);
        rejects.clear();
        byte[] tiny = PcapFiles.writer(Format.ethernet().snapLength(38)).packet(UDP4).toByteArray();
        assertEquals(List.of(), readAll(tiny));
        assertEquals(List.of(reject(1, "truncated UDP header: 4 of 8 bytes")), rejects);
    }

    @Test
    void anUnknownIpProtocolIsAnOtherPacketWithoutPorts() throws IOException {
        byte[] ip = PcapFiles.ipPacket(UDP4);
        ip[9] = (byte) 132; // SCTP
        byte[] file = PcapFiles.writer(Format.ethernet()).record(UDP4.timestamp(), eth(ip), 120).toByteArray();
        assertEquals(List.of(new Packet(UDP4.timestamp(), "198.51.100.7", 0, "192.0.2.1", 0, Protocol.OTHER, 120, 0)),
                readAll(file));
    }

    @Test
    void laterIpv4FragmentsCarryPortsZeroAndFirstFragmentsTheirPorts() throws IOException {
        byte[] first = PcapFiles.ipPacket(UDP4);
        first[6] = 0x20; // more fragments, offset 0
        byte[] later = PcapFiles.ipPacket(UDP4);
        later[6] = 0x00;
        later[7] = (byte) 185; // offset 1480 bytes
        byte[] file = PcapFiles.writer(Format.ethernet())
                .record(UDP4.timestamp(), eth(first), 1514).record(UDP4.timestamp(), eth(later), 600).toByteArray();
        assertEquals(List.of(
                new Packet(UDP4.timestamp(), "198.51.100.7", 53, "192.0.2.1", 40000, Protocol.UDP, 1514, 0),
                new Packet(UDP4.timestamp(), "198.51.100.7", 0, "192.0.2.1", 0, Protocol.UDP, 600, 0)), readAll(file));
        assertEquals(List.of(), rejects);
    }

    @Test
    void ipv6ExtensionHeadersAreSkipped() throws IOException {
        byte[] plain = PcapFiles.ipPacket(TCP6);
        byte[] tcp = java.util.Arrays.copyOfRange(plain, 40, plain.length);
        // hop-by-hop (8 bytes) -> destination options (16 bytes) -> first fragment (8) -> TCP
        byte[] extensions = ByteBuffer.allocate(32)
                .put((byte) 60).put((byte) 0).put(new byte[6])
                .put((byte) 44).put((byte) 1).put(new byte[14])
                .put((byte) 6).put((byte) 0).putShort((short) 1).putInt(7)
                .array();
        byte[] first = ipv6(plain, 0, extensions, tcp);
        // a later fragment: offset 185 * 8
        byte[] laterFragment = ByteBuffer.allocate(8).put((byte) 6).put((byte) 0).putShort((short) (185 << 3))
                .putInt(7).array();
        byte[] later = ipv6(plain, 44, laterFragment, new byte[16]);
        // authentication header: length field 1 -> (1 + 2) * 4 = 12 bytes
        byte[] auth = ByteBuffer.allocate(12).put((byte) 6).put((byte) 1).array();
        byte[] authenticated = ipv6(plain, 51, auth, tcp);
        byte[] cut = ipv6(plain, 0, new byte[] {60, 3, 0, 0, 0, 0, 0, 0}, tcp); // claims 32 bytes, has 28
        byte[] file = PcapFiles.writer(Format.ethernet())
                .record(T0, eth6(first), 200)
                .record(T0, eth6(later), 200)
                .record(T0, eth6(authenticated), 200)
                .record(T0, eth6(cut), 200)
                .toByteArray();
        var expected = new Packet(T0, "2001:db8::1", 443, "2001:db8:0:1::2", 60000, Protocol.TCP, 200,
                Packet.ACK | Packet.PSH | Packet.FIN);
        assertEquals(List.of(expected, new Packet(T0, "2001:db8::1", 0, "2001:db8:0:1::2", 0, Protocol.TCP, 200, 0),
                expected), readAll(file));
        assertEquals(List.of(reject(4, "truncated IPv6 extension header 0: 28 of 32 bytes")), rejects);
    }

    @Test
    void theIpv4TotalLengthEndsTheDatagramBeforeEthernetPadding() throws IOException {
        var icmp = new Packet(T0, "192.0.2.1", 0, "192.0.2.2", 0, Protocol.ICMP, 60, 0);
        byte[] ip = PcapFiles.ipPacket(icmp);
        ip[3] = 28;
        byte[] shortTcp = PcapFiles.ipPacket(TCP4);
        shortTcp[3] = 24; // the datagram holds only 4 bytes of TCP; the padding must not be read as the rest
        byte[] file = PcapFiles.writer(Format.ethernet())
                .record(T0, java.util.Arrays.copyOf(eth(ip), 60), 60)
                .record(T0, java.util.Arrays.copyOf(eth(shortTcp), 60), 60)
                .toByteArray();
        assertEquals(List.of(icmp), readAll(file));
        assertEquals(List.of(reject(2, "truncated TCP header: 4 of 20 bytes")), rejects);
    }

    @Test
    void rawIpOfAnotherVersionIsRejected() throws IOException {
        byte[] file = PcapFiles.writer(Format.ethernet().linkType(PcapReader.LINKTYPE_RAW))
                .record(T0, new byte[] {0x50, 0}, 60).record(T0, new byte[0], 60).packet(UDP6).toByteArray();
        assertEquals(List.of(UDP6), readAll(file));
        assertEquals(List.of(reject(1, "raw IP packet of version 5, not 4 or 6"), reject(2, "empty raw IP packet")),
                rejects);
    }

    @Test
    void aTruncatedLastRecordIsRejectedAndEndsTheFile() throws IOException {
        byte[] whole = PcapFiles.writer(Format.ethernet()).packet(TCP4).packet(UDP4).toByteArray();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 5);
        assertEquals(List.of(TCP4), readAll(cut));
        assertEquals(List.of(reject(2, "truncated record: 37 of 42 captured bytes at the end of the file")), rejects);
    }

    @Test
    void aTruncatedLastRecordHeaderIsRejected() throws IOException {
        byte[] file = PcapFiles.writer(Format.ethernet()).packet(TCP4).bytes(new byte[7]).toByteArray();
        assertEquals(List.of(TCP4), readAll(file));
        assertEquals(List.of(reject(2, "truncated record header: 7 of 16 bytes at the end of the file")), rejects);
    }

    @Test
    void aCorruptRecordLengthStopsReading() throws IOException {
        byte[] file = PcapFiles.writer(Format.ethernet()).packet(TCP4)
                .record(1, 0, 0x7FFF_0000L, 0x7FFF_0000L, new byte[100]).packet(UDP4).toByteArray();
        assertEquals(List.of(TCP4), readAll(file));
        assertEquals(List.of(reject(2, "captured length 2147418112 exceeds the snapshot length 262144: the file is"
                + " corrupt from here on, reading stops")), rejects);
    }

    @Test
    void badRecordHeaderFieldsAreRejectedAndReadingGoesOn() throws IOException {
        byte[] frame = PcapFiles.frame(PcapReader.LINKTYPE_ETHERNET, TCP4);
        byte[] file = PcapFiles.writer(Format.ethernet())
                .record(T0.getEpochSecond(), 1_000_000, frame.length, 74, frame)
                .record(T0.getEpochSecond(), 0, frame.length, 20, frame)
                .record(T0.getEpochSecond(), 0, frame.length, 0xFFFF_FFFFL, frame)
                .packet(UDP4)
                .toByteArray();
        assertEquals(List.of(UDP4), readAll(file));
        assertEquals(List.of(
                reject(1, "bad timestamp: fraction 1000000 is not below one second in microseconds"),
                reject(2, "captured length 54 exceeds the original length 20"),
                reject(3, "original length 4294967295 is too large")), rejects);
    }

    @Test
    void theLargestUnsignedSecondsAreRead() throws IOException {
        var late = Instant.ofEpochSecond(0xFFFF_FFFFL, 999_999_000);
        var packet = new Packet(late, "192.0.2.1", 1, "192.0.2.2", 2, Protocol.UDP, 60, 0);
        assertEquals(List.of(packet), readAll(PcapFiles.pcap(Format.ethernet(), List.of(packet))));
    }

    @Test
    void recordsLongerThanTheBufferAreRead() throws IOException {
        byte[] frame = java.util.Arrays.copyOf(PcapFiles.frame(PcapReader.LINKTYPE_ETHERNET, UDP4), 200_000);
        byte[] file = PcapFiles.writer(Format.ethernet()).record(UDP4.timestamp(), frame, 200_000).packet(TCP4)
                .toByteArray();
        assertEquals(List.of(new Packet(UDP4.timestamp(), "198.51.100.7", 53, "192.0.2.1", 40000, Protocol.UDP, 200_000,
                0), TCP4), readAll(file));
    }

    @Test
    void aFailingStreamThrowsUncheckedWithSourceAndRecord() throws IOException {
        byte[] file = PcapFiles.pcap(Format.ethernet(), List.of(TCP4));
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(file, 0, 24)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    throw new IOException("disk on fire");
                }
                return n;
            }
        };
        try (var reader = PcapReader.open(failing, "f.pcap", rejects::add)) {
            var e = assertThrows(UncheckedIOException.class, reader::hasNext);
            assertEquals("f.pcap: reading record 1 failed: disk on fire", e.getMessage());
            assertFalse(reader.hasNext(), "a failed reader has ended");
        }
    }

    @Test
    void closeClosesTheStreamOnceAndEndsTheReader() throws IOException {
        var closed = new AtomicBoolean();
        var reader = PcapReader.open(closing(PcapFiles.pcap(Format.ethernet(), List.of(TCP4)), closed), "c.pcap",
                rejects::add);
        reader.close();
        reader.close();
        assertTrue(closed.get());
        assertFalse(reader.hasNext());
    }

    @Test
    void readsFromAFile(@TempDir Path dir) throws IOException {
        Path file = PcapFiles.write(dir.resolve("two.pcap"), Format.ethernet().nanos(true), List.of(TCP4, TCP6));
        try (var reader = PcapReader.open(Files.newInputStream(file), file.toString(), rejects::add)) {
            assertEquals(List.of(TCP4, TCP6), drain(reader));
        }
    }

    @Test
    void misuseIsRefused() {
        var empty = new ByteArrayInputStream(new byte[0]);
        assertThrows(NullPointerException.class, () -> PcapReader.open(null, "x", rejects::add));
        assertThrows(NullPointerException.class, () -> PcapReader.open(empty, null, rejects::add));
        assertThrows(NullPointerException.class, () -> PcapReader.open(empty, "x", null));
        var e = assertThrows(IllegalArgumentException.class, () -> new PcapReject("x", 0, "why"));
        assertEquals("record numbers start at 1: 0", e.getMessage());
        assertEquals("x: record 3: why", new PcapReject("x", 3, "why").toString());
    }

    // ---------------------------------------------------------------- helpers

    private PcapReader read(byte[] file) throws IOException {
        return PcapReader.open(new ByteArrayInputStream(file), "test.pcap", rejects::add);
    }

    private List<Packet> readAll(byte[] file) throws IOException {
        try (var reader = read(file)) {
            return drain(reader);
        }
    }

    /**
     * Reads the rest of the packets, each without its payload length and IP protocol number (as
     * the short constructor leaves them), so that they compare equal to the packets written;
     * {@link #payloadsAndProtocolNumbersComeFromTheHeaders} checks those two.
     */
    static List<Packet> drain(PcapReader reader) {
        var packets = new ArrayList<Packet>();
        reader.forEachRemaining(p -> packets.add(PcapFiles.asWritten(p)));
        return packets;
    }

    @Test
    void payloadsAndProtocolNumbersComeFromTheHeaders() throws IOException {
        var reader = read(PcapFiles.pcap(Format.ethernet(), List.of(TCP4, UDP4, ICMP4, OTHER4, TCP6, UDP6, ICMP6)));
        var packets = new ArrayList<Packet>();
        reader.forEachRemaining(packets::add);
        assertEquals(List.of(6, 17, 1, PcapFiles.OTHER_IP_PROTOCOL, 6, 17, 58),
                packets.stream().map(Packet::ipProtocol).toList());
        // the frame length less the Ethernet, IP and TCP (20), UDP (8) or ICMP (8) headers; GRE: the IP payload
        List<Integer> expected = List.of(TCP4.length() - 14 - 20 - 20, UDP4.length() - 14 - 20 - 8,
                ICMP4.length() - 14 - 20 - 8, OTHER4.length() - 14 - 20, TCP6.length() - 14 - 40 - 20,
                UDP6.length() - 14 - 40 - 8, ICMP6.length() - 14 - 40 - 8);
        assertEquals(expected, packets.stream().map(Packet::payload).toList());
    }

    @Test
    void icmpTypesAndCodesAreThePorts() throws IOException {
        var unreachable = new Packet(T0, "192.0.2.1", 3, "198.51.100.7", 3, Protocol.ICMP, 70, 0);
        var solicitation = new Packet(T0, "fe80::1", 135, "fe80::2", 0, Protocol.ICMP, 86, 0);
        assertEquals(List.of(unreachable, solicitation),
                readAll(PcapFiles.pcap(Format.ethernet(), List.of(unreachable, solicitation))));
        assertEquals(List.of(), rejects);
    }

    private static PcapReject reject(long record, String reason) {
        return new PcapReject("test.pcap", record, reason);
    }

    private static byte[] eth(byte[] ipv4) {
        return PcapFiles.link(PcapReader.LINKTYPE_ETHERNET, 0x0800, ipv4);
    }

    private static byte[] eth6(byte[] ipv6) {
        return PcapFiles.link(PcapReader.LINKTYPE_ETHERNET, 0x86DD, ipv6);
    }

    /** An IPv6 datagram with the fixed header of {@code plain}, next header {@code next}, then the parts. */
    private static byte[] ipv6(byte[] plain, int next, byte[] extensions, byte[] rest) {
        var datagram = ByteBuffer.allocate(40 + extensions.length + rest.length)
                .put(plain, 0, 40).put(extensions).put(rest).array();
        datagram[6] = (byte) next;
        int payload = extensions.length + rest.length;
        datagram[4] = (byte) (payload >>> 8);
        datagram[5] = (byte) payload;
        return datagram;
    }

    private static InputStream closing(byte[] bytes, AtomicBoolean closed) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
    }
}
