package io.github.loomfactory.flows.testing;

import io.github.loomfactory.flows.Packet;
import io.github.loomfactory.flows.Protocol;
import io.github.loomfactory.flows.capture.PcapReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Writes classic pcap files for tests: well-formed captures of given {@link Packet packets} in
 * every format the {@link PcapReader} reads, and hand-made (malformed) records.
 *
 * <p>A packet becomes a frame of the format's link type holding exactly its headers (link, IPv4
 * or IPv6 by the addresses' family, then a 20-byte TCP, 8-byte UDP or 8-byte ICMP/ICMPv6
 * header whose type and code are the packet's ports; {@link Protocol#OTHER} becomes IP protocol
 * 47 with no payload), so the record's captured length is the header length and its original length is the packet's
 * {@link Packet#length()}. Reading such a file gives back the same packets, up to what the
 * reader adds from the headers: {@link #asWritten} takes a read packet back to the packet written.
 *
 * {@snippet :
 * Path file = PcapFiles.write(dir.resolve("two.pcap"), PcapFiles.Format.ethernet(), List.of(syn, synAck));
 * byte[] bytes = PcapFiles.writer(PcapFiles.Format.ethernet().nanos(true))
 *         .packet(syn, 0x88A8, 0x8100)              // QinQ-tagged
 *         .record(at, new byte[] {1, 2, 3}, 60)     // a frame too short for Ethernet
 *         .toByteArray();
 * }
 */
public final class PcapFiles {

    /** The ethertype of 802.1Q VLAN tags. */
    public static final int VLAN = 0x8100;
    /** The ethertype of 802.1ad (QinQ) service tags. */
    public static final int QINQ = 0x88A8;
    /** The IP protocol number written for {@link Protocol#OTHER} (GRE). */
    public static final int OTHER_IP_PROTOCOL = 47;

    private static final int[] LINK_TYPES = {
        PcapReader.LINKTYPE_ETHERNET, PcapReader.LINKTYPE_RAW, PcapReader.LINKTYPE_LINUX_SLL,
        PcapReader.LINKTYPE_IPV4, PcapReader.LINKTYPE_IPV6, PcapReader.LINKTYPE_LINUX_SLL2,
    };

    private PcapFiles() {
    }

    /**
     * The file-level format of a capture: link type, byte order, timestamp resolution and
     * snapshot length.
     *
     * @param linkType one of the {@code PcapReader.LINKTYPE_*} constants (or any number, to test
     *     refusal)
     * @param order the byte order of the file and record headers
     * @param nanos true for nanosecond timestamps (magic a1b23c4d), false for microseconds
     * @param snapLength the snapshot length: longer frames are cut to it, as a capture would
     */
    public record Format(int linkType, ByteOrder order, boolean nanos, int snapLength) {

        /**
         * Checks the format.
         *
         * @throws NullPointerException if {@code order} is null
         * @throws IllegalArgumentException if {@code snapLength} is not positive
         */
        public Format {
            Objects.requireNonNull(order, "order");
            if (snapLength <= 0) {
                throw new IllegalArgumentException("snapLength must be positive: " + snapLength);
            }
        }

        /**
         * Returns the most common format: Ethernet, little-endian, microseconds, snapshot
         * length 262144 (what tcpdump writes on x86).
         *
         * @return the format
         */
        public static Format ethernet() {
            return new Format(PcapReader.LINKTYPE_ETHERNET, ByteOrder.LITTLE_ENDIAN, false, 262_144);
        }

        /**
         * Returns every format the reader supports: each link type in both byte orders and both
         * resolutions (24 formats).
         *
         * @return the formats
         */
        public static List<Format> all() {
            var formats = new ArrayList<Format>();
            for (int linkType : LINK_TYPES) {
                for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
                    formats.add(new Format(linkType, order, false, 262_144));
                    formats.add(new Format(linkType, order, true, 262_144));
                }
            }
            return List.copyOf(formats);
        }

        /**
         * Returns this format with another link type.
         *
         * @param value the link type
         * @return the new format
         */
        public Format linkType(int value) {
            return new Format(value, order, nanos, snapLength);
        }

        /**
         * Returns this format with another byte order.
         *
         * @param value the byte order
         * @return the new format
         */
        public Format order(ByteOrder value) {
            return new Format(linkType, value, nanos, snapLength);
        }

        /**
         * Returns this format with another timestamp resolution.
         *
         * @param value true for nanoseconds
         * @return the new format
         */
        public Format nanos(boolean value) {
            return new Format(linkType, order, value, snapLength);
        }

        /**
         * Returns this format with another snapshot length.
         *
         * @param value the snapshot length
         * @return the new format
         */
        public Format snapLength(int value) {
            return new Format(linkType, order, nanos, value);
        }

        /**
         * Says whether frames of this link type can be VLAN tagged (Ethernet and Linux cooked).
         *
         * @return true if tags may be written
         */
        public boolean taggable() {
            return linkType == PcapReader.LINKTYPE_ETHERNET || linkType == PcapReader.LINKTYPE_LINUX_SLL
                    || linkType == PcapReader.LINKTYPE_LINUX_SLL2;
        }

        /**
         * Says whether frames of this link type can hold IPv4 (all but raw IPv6).
         *
         * @return true if IPv4 packets may be written
         */
        public boolean carriesIpv4() {
            return linkType != PcapReader.LINKTYPE_IPV6;
        }

        /**
         * Says whether frames of this link type can hold IPv6 (all but raw IPv4).
         *
         * @return true if IPv6 packets may be written
         */
        public boolean carriesIpv6() {
            return linkType != PcapReader.LINKTYPE_IPV4;
        }
    }

    /**
     * Returns a whole capture of {@code packets} in {@code format}.
     *
     * @param format the file format
     * @param packets the packets, in order
     * @return the file's bytes
     */
    public static byte[] pcap(Format format, List<Packet> packets) {
        var writer = writer(format);
        packets.forEach(writer::packet);
        return writer.toByteArray();
    }

    /**
     * Writes a capture of {@code packets} in {@code format} to {@code file}.
     *
     * @param file the file to create or replace
     * @param format the file format
     * @param packets the packets, in order
     * @return {@code file}
     * @throws IOException if writing fails
     */
    public static Path write(Path file, Format format, List<Packet> packets) throws IOException {
        return Files.write(file, pcap(format, packets));
    }

    /**
     * Returns a writer of a capture in {@code format}, its file header already written.
     *
     * @param format the file format
     * @return a new writer
     */
    public static Writer writer(Format format) {
        return new Writer(format);
    }

    /**
     * Returns the frame of {@code packet} for {@code linkType}: link header (with the given VLAN
     * tags, outermost first), IP header and transport header.
     *
     * @param linkType the link type
     * @param packet the packet
     * @param vlanTags the ethertypes of VLAN tags to add, e.g. {@link #QINQ}, {@link #VLAN}
     * @return the frame
     * @throws IllegalArgumentException if the link type cannot carry the packet or the tags
     */
    public static byte[] frame(int linkType, Packet packet, int... vlanTags) {
        byte[] ip = ipPacket(packet);
        return link(linkType, ip.length > 0 && (ip[0] & 0xF0) == 0x60 ? 0x86DD : 0x0800, ip, vlanTags);
    }

    /**
     * Wraps {@code payload} in the link header of {@code linkType}.
     *
     * @param linkType the link type
     * @param etherType the ethertype of the payload (ignored by the raw IP link types)
     * @param payload the network-layer bytes
     * @param vlanTags the ethertypes of VLAN tags to add, outermost first
     * @return the frame
     * @throws IllegalArgumentException if the link type is unknown, or raw and tags are given
     */
    public static byte[] link(int linkType, int etherType, byte[] payload, int... vlanTags) {
        var tagged = ByteBuffer.allocate(2 + 4 * vlanTags.length);
        int[] types = new int[vlanTags.length + 1];
        System.arraycopy(vlanTags, 0, types, 0, vlanTags.length);
        types[vlanTags.length] = etherType;
        tagged.putShort((short) types[0]);
        for (int i = 1; i < types.length; i++) {
            tagged.putShort((short) (100 + i)); // TCI: VLAN id
            tagged.putShort((short) types[i]);
        }
        byte[] typeAndTags = tagged.array();
        ByteBuffer frame;
        switch (linkType) {
            case PcapReader.LINKTYPE_ETHERNET -> {
                frame = ByteBuffer.allocate(12 + typeAndTags.length + payload.length);
                frame.put(new byte[] {2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1});
                frame.put(typeAndTags);
            }
            case PcapReader.LINKTYPE_LINUX_SLL -> {
                frame = ByteBuffer.allocate(14 + typeAndTags.length + payload.length);
                frame.putShort((short) 0).putShort((short) 1).putShort((short) 6);
                frame.put(new byte[] {2, 0, 0, 0, 0, 1, 0, 0});
                frame.put(typeAndTags);
            }
            case PcapReader.LINKTYPE_LINUX_SLL2 -> {
                frame = ByteBuffer.allocate(20 + typeAndTags.length - 2 + payload.length);
                frame.putShort((short) types[0]).putShort((short) 0).putInt(3).putShort((short) 1);
                frame.put((byte) 0).put((byte) 6).put(new byte[] {2, 0, 0, 0, 0, 1, 0, 0});
                frame.put(typeAndTags, 2, typeAndTags.length - 2);
            }
            case PcapReader.LINKTYPE_RAW, PcapReader.LINKTYPE_IPV4, PcapReader.LINKTYPE_IPV6 -> {
                if (vlanTags.length > 0) {
                    throw new IllegalArgumentException("raw IP link type " + linkType + " cannot carry VLAN tags");
                }
                frame = ByteBuffer.allocate(payload.length);
            }
            default -> throw new IllegalArgumentException("unknown link type " + linkType);
        }
        return frame.put(payload).array();
    }

    /**
     * Returns the IP datagram of {@code packet}, headers only: IPv4 or IPv6 by its addresses,
     * then its transport header. The IP length field counts the packet's whole
     * {@link Packet#length()} less a 14-byte Ethernet header, as a real frame would.
     *
     * @param packet the packet
     * @return the datagram's headers
     * @throws IllegalArgumentException if the addresses are not IP literals of one family, or an
     *     other-protocol packet has ports
     */
    public static byte[] ipPacket(Packet packet) {
        byte[] src = address(packet.srcAddr());
        byte[] dst = address(packet.dstAddr());
        if (src.length != dst.length) {
            throw new IllegalArgumentException("addresses of different families: " + packet);
        }
        boolean v6 = src.length == 16;
        byte[] transport = transport(packet, v6);
        int ipProtocol = switch (packet.protocol()) {
            case TCP -> 6;
            case UDP -> 17;
            case ICMP -> v6 ? 58 : 1;
            case OTHER -> OTHER_IP_PROTOCOL;
        };
        if (v6) {
            int payload = Math.clamp(packet.length() - 14 - 40, transport.length, 65_535);
            return ByteBuffer.allocate(40 + transport.length).putInt(0x6000_0000).putShort((short) payload)
                    .put((byte) ipProtocol).put((byte) 64).put(src).put(dst).put(transport).array();
        }
        int total = Math.clamp(packet.length() - 14, 20 + transport.length, 65_535);
        var header = ByteBuffer.allocate(20).put((byte) 0x45).put((byte) 0).putShort((short) total)
                .putShort((short) 0).putShort((short) 0x4000).put((byte) 64).put((byte) ipProtocol)
                .putShort((short) 0).put(src).put(dst).array();
        int checksum = checksum(header);
        header[10] = (byte) (checksum >>> 8);
        header[11] = (byte) checksum;
        return ByteBuffer.allocate(20 + transport.length).put(header).put(transport).array();
    }

    private static byte[] transport(Packet packet, boolean v6) {
        return switch (packet.protocol()) {
            case TCP -> ByteBuffer.allocate(20).putShort((short) packet.srcPort()).putShort((short) packet.dstPort())
                    .putInt(1).putInt(0).put((byte) 0x50).put((byte) packet.tcpFlags()).putShort((short) 65_535)
                    .putInt(0).array();
            case UDP -> ByteBuffer.allocate(8).putShort((short) packet.srcPort()).putShort((short) packet.dstPort())
                    .putShort((short) 8).putShort((short) 0).array();
            case ICMP -> ByteBuffer.allocate(8).put((byte) packet.srcPort()).put((byte) packet.dstPort())
                    .putShort((short) 0).putShort((short) 1).putShort((short) 1).array(); // type, code
            case OTHER -> {
                noPorts(packet);
                yield new byte[0];
            }
        };
    }

    private static void noPorts(Packet packet) {
        if (packet.srcPort() != 0 || packet.dstPort() != 0 || packet.tcpFlags() != 0) {
            throw new IllegalArgumentException("an other-protocol packet has no ports or TCP flags: " + packet);
        }
    }

    /**
     * Returns a read packet as it was written: without the payload length and IP protocol number
     * that the reader takes from the headers (as the short {@link Packet} constructor leaves
     * them), so that it compares equal to the packet written; the reader tests check those two
     * on their own.
     *
     * @param read a packet read back from a file of this class
     * @return the packet as written
     */
    public static Packet asWritten(Packet read) {
        return new Packet(read.timestamp(), read.srcAddr(), read.srcPort(), read.dstAddr(), read.dstPort(),
                read.protocol(), read.length(), read.tcpFlags());
    }

    /**
     * Returns the bytes of an IP address literal: 4 for IPv4, 16 for IPv6 (an IPv4-mapped IPv6
     * literal such as {@code ::ffff:192.0.2.1} gives 16).
     *
     * @param literal the address text
     * @return the address bytes
     * @throws IllegalArgumentException if it is not an IP literal
     */
    public static byte[] address(String literal) {
        byte[] bytes = InetAddress.ofLiteral(literal).getAddress();
        if (literal.indexOf(':') >= 0 && bytes.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xFF;
            mapped[11] = (byte) 0xFF;
            System.arraycopy(bytes, 0, mapped, 12, 4);
            return mapped;
        }
        return bytes;
    }

    /**
     * Says whether {@code literal} is an IPv4 address.
     *
     * @param literal the address text
     * @return true for IPv4
     */
    public static boolean isIpv4(String literal) {
        return InetAddress.ofLiteral(literal) instanceof Inet4Address && literal.indexOf(':') < 0;
    }

    private static int checksum(byte[] header) {
        int sum = 0;
        for (int i = 0; i < header.length; i += 2) {
            sum += (header[i] & 0xFF) << 8 | header[i + 1] & 0xFF;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return ~sum & 0xFFFF;
    }

    /**
     * A capture under construction: its file header, then the records added in order. Not
     * thread-safe.
     */
    public static final class Writer {
        private final Format format;
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        private Writer(Format format) {
            this.format = Objects.requireNonNull(format, "format");
            var header = ByteBuffer.allocate(24).order(format.order());
            header.putInt(format.nanos() ? 0xA1B2_3C4D : 0xA1B2_C3D4).putShort((short) 2).putShort((short) 4)
                    .putInt(0).putInt(0).putInt(format.snapLength()).putInt(format.linkType());
            out.writeBytes(header.array());
        }

        /**
         * Adds the record of {@code packet}: its frame, cut to the snapshot length, with the
         * packet's length as original length.
         *
         * @param packet the packet
         * @param vlanTags VLAN tag ethertypes, outermost first (Ethernet and Linux cooked only)
         * @return this writer
         * @throws IllegalArgumentException if the packet's length is shorter than its frame, its
         *     timestamp has sub-microsecond digits in a microsecond format, or as for
         *     {@link PcapFiles#frame}
         */
        public Writer packet(Packet packet, int... vlanTags) {
            byte[] frame = frame(format.linkType(), packet, vlanTags);
            if (packet.length() < frame.length) {
                throw new IllegalArgumentException("packet length " + packet.length() + " is shorter than its "
                        + frame.length + "-byte frame: " + packet);
            }
            int captured = Math.min(frame.length, format.snapLength());
            return record(packet.timestamp(), Arrays.copyOf(frame, captured), packet.length());
        }

        /**
         * Adds a record holding {@code data} as captured bytes.
         *
         * @param timestamp the record's timestamp
         * @param data the captured bytes (a frame of the format's link type, or anything)
         * @param originalLength the original length on the wire
         * @return this writer
         * @throws IllegalArgumentException if the timestamp has sub-microsecond digits in a
         *     microsecond format or is outside the 32-bit seconds of pcap
         */
        public Writer record(Instant timestamp, byte[] data, long originalLength) {
            long seconds = timestamp.getEpochSecond();
            if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("pcap timestamps run from 1970 to 2106: " + timestamp);
            }
            int nanos = timestamp.getNano();
            if (!format.nanos() && nanos % 1000 != 0) {
                throw new IllegalArgumentException("a microsecond capture cannot hold " + timestamp
                        + "; use a nanosecond format");
            }
            return record(seconds, format.nanos() ? nanos : nanos / 1000, data.length, originalLength, data);
        }

        /**
         * Adds a record with header fields as given, for malformed captures.
         *
         * @param seconds the timestamp's seconds field
         * @param fraction the timestamp's micro- or nanoseconds field
         * @param capturedLength the captured length field (need not match {@code data})
         * @param originalLength the original length field
         * @param data the bytes that follow the record header
         * @return this writer
         */
        public Writer record(long seconds, long fraction, long capturedLength, long originalLength, byte[] data) {
            var header = ByteBuffer.allocate(16).order(format.order());
            header.putInt((int) seconds).putInt((int) fraction).putInt((int) capturedLength).putInt((int) originalLength);
            out.writeBytes(header.array());
            out.writeBytes(data);
            return this;
        }

        /**
         * Appends raw bytes, e.g. half a record header.
         *
         * @param data the bytes
         * @return this writer
         */
        public Writer bytes(byte[] data) {
            out.writeBytes(data);
            return this;
        }

        /**
         * Returns the capture written so far.
         *
         * @return the file's bytes
         */
        public byte[] toByteArray() {
            return out.toByteArray();
        }

        /**
         * Writes the capture written so far to {@code file}.
         *
         * @param file the file to create or replace
         * @return {@code file}
         * @throws IOException if writing fails
         */
        public Path write(Path file) throws IOException {
            return Files.write(file, toByteArray());
        }
    }
}
