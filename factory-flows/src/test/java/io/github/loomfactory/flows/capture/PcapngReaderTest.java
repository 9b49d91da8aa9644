package io.github.loomfactory.flows.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.flows.Packet;
import io.github.loomfactory.flows.Protocol;
import io.github.loomfactory.flows.testing.PcapFiles;
import io.github.loomfactory.flows.testing.PcapngFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PcapngReaderTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");
    private static final Packet TCP4 = new Packet(T0, "192.0.2.1", 51000, "198.51.100.7", 443, Protocol.TCP, 74, Packet.SYN);
    private static final Packet UDP4 = new Packet(T0.plusMillis(1), "198.51.100.7", 53, "192.0.2.1", 40000, Protocol.UDP, 120, 0);
    private static final Packet TCP6 = new Packet(T0.plusMillis(4), "2001:db8::1", 443, "2001:db8:0:1::2", 60000,
            Protocol.TCP, 94, Packet.ACK | Packet.PSH | Packet.FIN);
    private static final Packet ICMP6 = new Packet(T0.plusMillis(6), "::1", 0, "::ffff:192.0.2.1", 0, Protocol.ICMP, 118, 0);
    private static final List<Packet> PACKETS = List.of(TCP4, UDP4, TCP6, ICMP6);

    private final List<PcapReject> rejects = new ArrayList<>();

    @ParameterizedTest
    @ValueSource(strings = {"BIG_ENDIAN", "LITTLE_ENDIAN"})
    void enhancedPacketBlocksOfEitherByteOrderGiveTheWrittenPackets(String orderName) throws IOException {
        ByteOrder order = orderName.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] file = PcapngFiles.pcapng(order, PcapReader.LINKTYPE_ETHERNET, PcapngFiles.MICROS, PACKETS);
        try (var reader = read(file)) {
            assertEquals(PACKETS, drain(reader));
            assertEquals(4, reader.records());
            assertEquals(1, reader.sections());
        }
        assertEquals(List.of(), rejects);
    }

    @Test
    void theSameCaptureAsPcapAndPcapngGivesTheSamePackets() throws IOException {
        byte[] pcap = PcapFiles.pcap(PcapFiles.Format.ethernet(), PACKETS);
        byte[] pcapng = PcapngFiles.pcapng(ByteOrder.LITTLE_ENDIAN, PcapReader.LINKTYPE_ETHERNET, PcapngFiles.MICROS, PACKETS);
        assertEquals(drain(Captures.open(new ByteArrayInputStream(pcap), "a.pcap", rejects::add)),
                drain(Captures.open(new ByteArrayInputStream(pcapng), "a.pcapng", rejects::add)));
        assertEquals(List.of(), rejects);
    }

    @Test
    void sectionsOfDifferentByteOrdersAndLinkTypesAreEachReadWithTheirOwnInterfaces() throws IOException {
        byte[] file = PcapngFiles.writer(ByteOrder.BIG_ENDIAN)
                .iface(PcapReader.LINKTYPE_ETHERNET, PcapngFiles.MICROS, 0)
                .iface(PcapReader.LINKTYPE_RAW, PcapngFiles.MICROS, 0)
                .packet(0, TCP4).packet(1, UDP4)
                .section(ByteOrder.LITTLE_ENDIAN)
                .iface(PcapReader.LINKTYPE_LINUX_SLL2, PcapngFiles.MICROS, 0)
                .packet(0, TCP6)
                .section(ByteOrder.BIG_ENDIAN)
                .iface(PcapReader.LINKTYPE_IPV6, PcapngFiles.MICROS, 0)
                .packet(0, ICMP6)
                .toByteArray();
        try (var reader = read(file)) {
            assertEquals(PACKETS, drain(reader));
            assertEquals(3, reader.sections());
        }
        assertEquals(List.of(), rejects);
    }

    @Test
    void aPacketOfAnInterfaceOfAnEarlierSectionIsRejected() throws IOException {
        byte[] file = PcapngFiles.writer(ByteOrder.BIG_ENDIAN)
                .iface(PcapReader.LINKTYPE_ETHERNET, PcapngFiles.MICROS, 0)
                .iface(PcapReader.LINKTYPE_ETHERNET, PcapngFiles.MICROS, 0)
                .packet(1, TCP4)
                .section(ByteOrder.BIG_ENDIAN)
                .iface(PcapReader.LINKTYPE_ETHERNET, PcapngFiles.MICROS, 0)
                .enhanced(1, PcapngFiles.units(UDP4.timestamp(), PcapngFiles.MICROS, 0),
                        PcapFiles.frame(PcapReader.LINKTYPE_ETHERNET, UDP4), UDP4.length())
                .packet(0, UDP4)
                .toByteArray();
        assertEquals(List.of(TCP4, UDP4), readAll(file));
        assertEquals(List.of(reject(2, "enhanced packet block of interface 1, but its section describes 1 interface(s)")), rejects);
    }

    @Test
    void decimalAndBinaryResolutionsAndOffsetsGiveExactTimestamps() throws IOException {
        Instant at = Instant.parse("2026-03-01T12:00:00.5Z");
        byte[] frame = PcapFiles.frame(PcapReader.LINKTYPE_ETHERNET, UDP4);
        long seconds = at.getEpochSecond();
        byte[] file = PcapngFiles.writer(ByteOrder.LITTLE_ENDIAN)
                .iface(PcapReader.LINKTYPE_ETHERNET, PcapngFiles.NANOS, 0)                // 10^-9
                .iface(PcapReader.LINKTYPE_ETHERNET, 3, 0)                                // 10^-3
                .iface(PcapReader.LINKTYPE_ETHERNET, 0x80 | 10, 0)                        // 2^-10
                .iface(PcapReader.LINKTYPE_ETHERNET, PcapngFiles.MICROS, 1_000_000_000)   // offset +1e9 s
                .iface(PcapReader.LINKTYPE_ETHERNET, 0, -100)                             // whole seconds, offset -100 s
                .iface(PcapReader.LINKTYPE_ETHERNET, 0x80 | 63, 0)                        // 2^-63
                .enhanced(0, seconds * 1_000_000_000L + 123_456_789, frame, 120)
                .enhanced(1, seconds * 1000 + 7, frame, 120)
                .enhanced(2, seconds << 10 | 768, frame, 120)
                .enhanced(3, (seconds - 1_000_000_000) * 1_000_000 + 42, frame, 120)
                .enhanced(4, seconds + 100, frame, 120)
                .enhanced(5, 3L << 60, frame, 120)                                        // 0.375 s
                .toByteArray();
        var times = readAll(file).stream().map(Packet::timestamp).toList();
        assertEquals(List.of(Instant.ofEpochSecond(seconds, 123_456_789), Instant.ofEpochSecond(seconds, 7_000_000),
                Instant.ofEpochSecond(seconds, 750_000_000), Instant.ofEpochSecond(seconds, 42_000),
                Instant.ofEpochSecond(seconds), Instant.ofEpochSecond(0, 375_000_000)), times);
        assertEquals(List.of(), rejects);
    }

    @Test
    void simplePacketBlocksTakeInterfaceZeroItsSnapLengthAndThePreviousTimestamp() throws IOException {
        byte[] frame = PcapFiles.frame(PcapReader.LINKTYPE_ETHERNET, UDP4);
        assertEquals(42, frame.length);
        byte[] file = PcapngFiles.writer(ByteOrder.BIG_ENDIAN)
                .ifaceWithOptions(PcapReader.LINKTYPE_ETHERNET, 42, new byte[4], PcapngFiles.MICROS, 0)
                .simple(frame, 120)                                  // before any timestamp: the epoch
                .packet(0, TCP4)
                .simple(frame, 120)                                  // the timestamp before it
                .simple(Arrays.copyOf(frame, 40), 120)               // 40 bytes captured: no whole UDP header
                .toByteArray();
        assertEquals(List.of(withTime(UDP4, Instant.EPOCH), TCP4, withTime(UDP4, TCP4.timestamp())), readAll(file));
        assertEquals(List.of(reject(4, "truncated UDP header: 6 of 8 bytes")), rejects);
    }

    @Test
    void obsoletePacketBlocksAreRead() throws IOException {
        byte[] file = PcapngFiles.writer(ByteOrder.LITTLE_ENDIAN)
                .iface(PcapReader.LINKTYPE_ETHERNET, PcapngFiles.MICROS, 0)
                .obsolete(0, PcapngFiles.units(TCP4.timestamp(), PcapngFiles.MICROS, 0),
                        PcapFiles.frame(PcapReader.LINKTYPE_ETHERNET, TCP4), TCP4.length())
                .toByteArray();
        assertEquals(List.of(TCP4), readAll(file));
    }

    @Test
    void unknownBlocksAreSkippedByTheirLength() throws IOException {
        byte[] file = PcapngFiles.writer(ByteOrder.BIG_ENDIAN)
                .block(4, new byte[] {0, 1, 0, 8, 10, 0, 0, 1, 'h', 'o', 's', 't', 0, 0, 0, 0})  // name resolution
                .iface(PcapReader.LINKTYPE_ETHERNET, PcapngFiles.MICROS, 0)
                .block(5, new byte[20])                                                      // interface statistics
                .packet(0, TCP4)
                .block(0x0BAD, new byte[100_000])                                            // custom, larger than the buffer
                .block(0x4000_0BAD, new byte[3])
                .packet(0, UDP4)
                .toByteArray();
        assertEquals(List.of(TCP4, UDP4), readAll(file));
        assertEquals(List.of(), rejects);
    }

    @Test
    void anUnsupportedLinkTypeRejectsOnlyItsInterfacesPackets() throws IOException {
        byte[] file = PcapngFiles.writer(ByteOrder.BIG_ENDIAN)
                .iface(105, PcapngFiles.MICROS, 0)
                .iface(PcapReader.LINKTYPE_ETHERNET, PcapngFiles.MICROS, 0)
                .enhanced(0, 1, new byte[30], 30)
                .packet(1, TCP4)
                .toByteArray();
        assertEquals(List.of(TCP4), readAll(file));
        assertEquals(1, rejects.size());
        assertTrue(rejects.getFirst().reason().startsWith("link type 105 of interface 0 is not supported; supported are 1 (Ethernet)"),
                rejects.toString());
    }

    @Test
    void badPacketBlockLengthsAreRejectedAndReadingGoesOn() throws IOException {
        byte[] frame = PcapFiles.frame(PcapReader.LINKTYPE_ETHERNET, UDP4);
        byte[] file = PcapngFiles.writer(ByteOrder.LITTLE_ENDIAN)
                .iface(PcapReader.LINKTYPE_ETHERNET, PcapngFiles.MICROS, 0)
                .block(6, new byte[8])                                        // too short for its fields
                .enhanced(0, 1, frame, 10)                                    // captured > original
                .enhanced(0, 1, frame, 0x8000_0000L)                          // original too large
                .block(6, ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(0).putInt(0).putInt(0)
                        .putInt(1000).putInt(1000).array())                   // captured beyond the block
                .block(3, new byte[0])                                        // simple block too short
                .packet(0, TCP4)
                .toByteArray();
        assertEquals(List.of(TCP4), readAll(file));
        assertEquals(List.of(reject(1, "enhanced packet block of 20 bytes, shorter than 32"),
                reject(2, "captured length " + frame.length + " exceeds the original length 10"),
                reject(3, "original length 2147483648 is too large"),
                reject(4, "captured length 1000 exceeds the 4 bytes left in its enhanced packet block"),
                reject(5, "simple packet block of 12 bytes, shorter than 16")), rejects);
    }

    @Test
    void aBadInterfaceOptionIsRejectedAndTheInterfaceKeepsItsEarlierOptions() throws IOException {
        var options = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN)
                .putShort((short) 9).putShort((short) 1).put((byte) 3).put(new byte[3])          // if_tsresol 10^-3
                .putShort((short) 14).putShort((short) 200).putInt(0)                          // overruns the block
                .array();
        long units = PcapngFiles.units(TCP4.timestamp(), 3, 0);
        byte[] file = PcapngFiles.writer(ByteOrder.BIG_ENDIAN)
                .ifaceWithOptions(PcapReader.LINKTYPE_ETHERNET, 0, options, 3, 0)
                .enhanced(0, units, PcapFiles.frame(PcapReader.LINKTYPE_ETHERNET, TCP4), TCP4.length())
                .toByteArray();
        assertEquals(List.of(withTime(TCP4, Instant.ofEpochSecond(TCP4.timestamp().getEpochSecond(), 123_000_000))), readAll(file));
        assertEquals(List.of(reject(1, "interface description block 0 at byte 28: option 14 of 200 bytes overruns the block;"
                + " the interface keeps the options before it")), rejects);
    }

    @Test
    void anAbsurdResolutionIsRejected() throws IOException {
        var options = ByteBuffer.allocate(8).putShort((short) 9).putShort((short) 1).put((byte) 19).put(new byte[3]).array();
        byte[] file = PcapngFiles.writer(ByteOrder.BIG_ENDIAN)
                .ifaceWithOptions(PcapReader.LINKTYPE_ETHERNET, 0, options, PcapngFiles.MICROS, 0)
                .packet(0, TCP4)
                .toByteArray();
        assertEquals(List.of(TCP4), readAll(file));
        assertEquals(List.of(reject(1, "interface description block 0 at byte 28: if_tsresol 10^-19 is beyond what a 64-bit"
                + " timestamp can hold; the interface keeps the options before it")), rejects);
    }

    @Test
    void aTimestampOutOfRangeIsRejected() throws IOException {
        byte[] frame = PcapFiles.frame(PcapReader.LINKTYPE_ETHERNET, TCP4);
        byte[] file = PcapngFiles.writer(ByteOrder.BIG_ENDIAN)
                .iface(PcapReader.LINKTYPE_ETHERNET, 0, Long.MAX_VALUE / 2)
                .iface(PcapReader.LINKTYPE_ETHERNET, 0, 0)
                .enhanced(0, 1, frame, 74)
                .enhanced(1, Long.MAX_VALUE, frame, 74)
                .enhanced(1, -1, frame, 74)
                .enhanced(1, 5, frame, 74)
                .toByteArray();
        assertEquals(List.of(withTime(TCP4, Instant.ofEpochSecond(5))), readAll(file));
        assertEquals(List.of(reject(1, "timestamp 1 (10^-0 s units, offset 4611686018427387903 s) is out of range"),
                reject(2, "timestamp 9223372036854775807 (10^-0 s units, offset 0 s) is out of range"),
                reject(3, "timestamp 18446744073709551615 (10^-0 s units, offset 0 s) is out of range")), rejects);
    }

    @Test
    void aBadBlockLengthStopsReadingWithAReject() throws IOException {
        var writer = PcapngFiles.writer(ByteOrder.BIG_ENDIAN).iface(PcapReader.LINKTYPE_ETHERNET, PcapngFiles.MICROS, 0)
                .packet(0, TCP4);
        int at = writer.toByteArray().length;
        byte[] file = writer.bytes(new byte[] {0, 0, 0, 6, 0, 0, 0, 13}).packet(0, UDP4).toByteArray();
        assertEquals(List.of(TCP4), readAll(file));
        assertEquals(List.of(reject(2, "block of type 0x6 at byte " + at + " has a bad total length 13"
                + " (it must be a multiple of 4, at least 12): the file cannot be read on from here, reading stops")), rejects);
    }

    @Test
    void aMismatchedTrailingLengthStopsReading() throws IOException {
        byte[] file = PcapngFiles.writer(ByteOrder.BIG_ENDIAN).iface(PcapReader.LINKTYPE_ETHERNET, PcapngFiles.MICROS, 0)
                .packet(0, TCP4).packet(0, UDP4).toByteArray();
        file[file.length - 1] ^= 4;
        assertEquals(List.of(TCP4), readAll(file));
        assertEquals(1, rejects.size());
        assertTrue(rejects.getFirst().reason().contains("at its start but"), rejects.toString());
    }

    @Test
    void aTruncatedLastBlockIsRejectedAfterTheEarlierPackets() throws IOException {
        byte[] whole = PcapngFiles.pcapng(ByteOrder.LITTLE_ENDIAN, PcapReader.LINKTYPE_ETHERNET, PcapngFiles.MICROS, PACKETS);
        byte[] cut = Arrays.copyOf(whole, whole.length - 10);
        assertEquals(PACKETS.subList(0, 3), readAll(cut));
        assertEquals(1, rejects.size());
        assertTrue(rejects.getFirst().reason().startsWith("truncated block of type 0x6 at byte"), rejects.toString());
        assertEquals(4, rejects.getFirst().record());
    }

    @Test
    void aFileThatIsNotPcapngIsRefused() {
        var e = assertThrows(IOException.class, () -> PcapngReader.open(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8,
            9, 10, 11, 12}), "x", rejects::add));
        assertEquals("x: not a pcapng file: it does not start with a section header block (it starts with 0x01020304)",
                e.getMessage());
    }

    @Test
    void aSectionOfAnotherMajorVersionStopsReading() throws IOException {
        byte[] file = PcapngFiles.writer(ByteOrder.BIG_ENDIAN)
                .block(PcapngReader.SECTION_HEADER, ByteBuffer.allocate(16).putInt(0x1A2B_3C4D).putShort((short) 2)
                        .putShort((short) 0).putLong(-1).array())
                .toByteArray();
        assertEquals(List.of(), readAll(file));
        assertEquals(List.of(reject(1, "section header block at byte 28 is of version 2.0; only version 1 sections can be read:"
                + " the file cannot be read on from here, reading stops")), rejects);
    }

    private PcapngReader read(byte[] file) throws IOException {
        return PcapngReader.open(new ByteArrayInputStream(file), "test.pcapng", rejects::add);
    }

    private List<Packet> readAll(byte[] file) throws IOException {
        try (var reader = read(file)) {
            return drain(reader);
        }
    }

    private static List<Packet> drain(CaptureReader reader) throws IOException {
        try (reader) {
            var packets = new ArrayList<Packet>();
            reader.forEachRemaining(packet -> packets.add(PcapFiles.asWritten(packet)));
            return packets;
        }
    }

    private static Packet withTime(Packet packet, Instant at) {
        return new Packet(at, packet.srcAddr(), packet.srcPort(), packet.dstAddr(), packet.dstPort(), packet.protocol(),
                packet.length(), packet.tcpFlags());
    }

    private static PcapReject reject(long record, String reason) {
        return new PcapReject("test.pcapng", record, reason);
    }
}
