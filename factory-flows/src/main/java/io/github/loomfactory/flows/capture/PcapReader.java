package io.github.loomfactory.flows.capture;

import io.github.loomfactory.flows.Packet;
import io.github.loomfactory.flows.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads the packets of a classic libpcap capture file, one {@link Packet} per decodable record.
 *
 * <p>Reads files in either byte order with microsecond or nanosecond timestamps (magic numbers
 * {@code a1b2c3d4} and {@code a1b23c4d}, as written or swapped), of link types Ethernet (1), raw
 * IP (101, 228 IPv4, 229 IPv6) and Linux cooked capture v1 (113) and v2 (276). Ethernet and
 * cooked frames may carry any number of VLAN tags (0x8100, 0x88a8, 0x9100). It decodes IPv4
 * (with options) and IPv6 (skipping hop-by-hop, routing, destination options, fragment,
 * authentication, mobility, HIP and shim6 extension headers) and takes ports from TCP and UDP and
 * flags from TCP; ICMP and ICMPv6 become {@link Protocol#ICMP} with the message type and code
 * as ports, any other IP protocol {@link Protocol#OTHER} with ports 0. Each packet carries its IP
 * protocol number and its transport payload length, from the IP header's length fields. A packet's {@code length} is its record's original
 * length on the wire. pcapng files are refused; convert them with
 * {@code editcap -F pcap in.pcapng out.pcap}.
 *
 * <p>IP fragments: the first fragment (offset 0) is read like any packet, with its ports. A later
 * fragment carries no transport header, so it becomes a packet of its IP protocol with ports 0
 * (and no TCP flags): its bytes are counted, in the flow between the two hosts with ports 0,
 * rather than dropped.
 *
 * <p>A record that is not an IP packet (ARP, LLDP, an unknown ethertype), or whose headers are
 * bad or cut short by the snapshot length, is handed to the reject handler as a
 * {@link PcapReject} naming its record number and the reason, and reading goes on with the next
 * record. When the file's framing itself breaks (a record length beyond any snapshot length, a
 * truncated last record) the rest of the file cannot be found: that is rejected too and reading
 * ends. Nothing is skipped silently, and no input makes the reader loop or throw anything but
 * {@link UncheckedIOException} for a failing stream.
 *
 * <p>Reads through its own buffer (no need to wrap the stream in a {@code BufferedInputStream})
 * and allocates per packet only the {@link Packet} and its {@link Instant}; address texts are
 * cached. Not thread-safe: use it from one thread, and close it to close the stream.
 *
 * {@snippet :
 * try (var packets = PcapReader.open(Files.newInputStream(file), file.toString(), reject -> log.warn("{}", reject))) {
 *     while (packets.hasNext()) {
 *         Packet packet = packets.next();
 *         // ...
 *     }
 * }
 * }
 */
public final class PcapReader implements Iterator<Packet>, AutoCloseable {

    /** Link type Ethernet. */
    public static final int LINKTYPE_ETHERNET = 1;
    /** Link type raw IP: each record is an IPv4 or IPv6 packet. */
    public static final int LINKTYPE_RAW = 101;
    /** Link type Linux cooked capture v1 ("any" device). */
    public static final int LINKTYPE_LINUX_SLL = 113;
    /** Link type raw IPv4. */
    public static final int LINKTYPE_IPV4 = 228;
    /** Link type raw IPv6. */
    public static final int LINKTYPE_IPV6 = 229;
    /** Link type Linux cooked capture v2. */
    public static final int LINKTYPE_LINUX_SLL2 = 276;

    private static final int MAGIC_MICROS = 0xA1B2_C3D4;
    private static final int MAGIC_NANOS = 0xA1B2_3C4D;
    private static final int MAGIC_PCAPNG = 0x0A0D_0D0A;
    private static final int HEADER = 24;
    private static final int RECORD_HEADER = 16;
    /** Records up to this long are accepted whatever the header's snapshot length says. */
    private static final int MIN_RECORD_LIMIT = 262_144;
    private static final int MAX_RECORD_LIMIT = 64 << 20;

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;

    private final InputStream in;
    private final String source;
    private final Consumer<PcapReject> rejects;
    private final boolean bigEndian;
    private final boolean nanos;
    private final int linkType;
    private final long snapLength;
    private final long recordLimit;
    private final AddressText addresses = new AddressText();

    private byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private long record;

    // states: READING -> ENDED (end of file, broken framing, failed stream) -> CLOSED
    private boolean ended;
    private boolean closed;
    private Packet next;

    // the decoded record, valid when decode returns true
    private String srcAddr;
    private String dstAddr;
    private int srcPort;
    private int dstPort;
    private Protocol protocol;
    private int tcpFlags;
    private int payload;
    private int ipProtocol;

    private PcapReader(InputStream in, String source, Consumer<PcapReject> rejects) throws IOException {
        this.in = in;
        this.source = source;
        this.rejects = rejects;
        if (!fill(HEADER)) {
            throw new IOException(source + ": not a classic pcap file (pcapng?): it is " + (limit - position)
                    + " bytes long, shorter than the 24-byte pcap file header");
        }
        int magic = be32(0);
        bigEndian = magic == MAGIC_MICROS || magic == MAGIC_NANOS;
        boolean littleEndian = magic == Integer.reverseBytes(MAGIC_MICROS) || magic == Integer.reverseBytes(MAGIC_NANOS);
        if (!bigEndian && !littleEndian) {
            throw new IOException(source + ": not a classic pcap file (pcapng?): "
                    + (magic == MAGIC_PCAPNG
                            ? "it starts with a pcapng section header; convert it with 'editcap -F pcap'"
                            : "unknown magic number 0x" + Integer.toHexString(magic)));
        }
        nanos = magic == MAGIC_NANOS || magic == Integer.reverseBytes(MAGIC_NANOS);
        snapLength = u32(16);
        linkType = (int) (u32(20) & 0xFFFF);
        switch (linkType) {
            case LINKTYPE_ETHERNET, LINKTYPE_RAW, LINKTYPE_LINUX_SLL, LINKTYPE_IPV4, LINKTYPE_IPV6,
                 LINKTYPE_LINUX_SLL2 -> {
            }
            default -> throw new IOException(source + ": unsupported link type " + linkType
                    + "; supported are 1 (Ethernet), 101 (raw IP), 113 (Linux cooked v1), 228 (IPv4), 229 (IPv6)"
                    + " and 276 (Linux cooked v2)");
        }
        recordLimit = Math.clamp(snapLength, MIN_RECORD_LIMIT, MAX_RECORD_LIMIT);
        position = HEADER;
    }

    /**
     * Opens a reader on a classic pcap stream, reading and checking its file header.
     *
     * @param in the stream; the reader closes it
     * @param sourceName the name of the file, for messages and rejects
     * @param rejects receives each record that is not a readable IP packet, on the reading thread
     * @return a reader positioned before the first record
     * @throws IOException if the stream fails, is not a classic pcap file (for example pcapng), or
     *     has a link type this reader does not know; the stream is closed then
     */
    public static PcapReader open(InputStream in, String sourceName, Consumer<PcapReject> rejects) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(rejects, "rejects");
        try {
            return new PcapReader(in, sourceName, rejects);
        } catch (IOException | RuntimeException e) {
            try {
                in.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Returns the file's link type, e.g. {@link #LINKTYPE_ETHERNET}.
     *
     * @return the link type
     */
    public int linkType() {
        return linkType;
    }

    /**
     * Returns the byte order the file was written in.
     *
     * @return the file's byte order
     */
    public ByteOrder byteOrder() {
        return bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /**
     * Says whether the file's timestamps have nanosecond rather than microsecond resolution.
     *
     * @return true for a nanosecond file
     */
    public boolean nanosecond() {
        return nanos;
    }

    /**
     * Returns the snapshot length of the file header: the most bytes of a packet it captured.
     *
     * @return the snapshot length
     */
    public long snapLength() {
        return snapLength;
    }

    /**
     * Returns how many packet records have been read so far, packets and rejects alike.
     *
     * @return the number of the last record read, 0 before the first
     */
    public long records() {
        return record;
    }

    /**
     * Says whether another packet follows, reading (and rejecting) records until one does.
     *
     * @return true if {@link #next()} will return a packet
     * @throws UncheckedIOException if the stream fails
     */
    @Override
    public boolean hasNext() {
        while (next == null && !ended) {
            try {
                next = readRecord();
            } catch (IOException e) {
                ended = true;
                throw new UncheckedIOException(source + ": reading record " + (record + 1) + " failed: " + e.getMessage(), e);
            }
        }
        return next != null;
    }

    /**
     * Returns the next packet.
     *
     * @return the packet
     * @throws NoSuchElementException if the file has no more packets
     * @throws UncheckedIOException if the stream fails
     */
    @Override
    public Packet next() {
        if (!hasNext()) {
            throw new NoSuchElementException(source + ": no more packets after record " + record);
        }
        Packet packet = next;
        next = null;
        return packet;
    }

    /**
     * Closes the stream; the reader has no more packets. Idempotent.
     *
     * @throws IOException if closing the stream fails
     */
    @Override
    public void close() throws IOException {
        ended = true;
        next = null;
        if (!closed) {
            closed = true;
            in.close();
        }
    }

    @Override
    public String toString() {
        return "pcap " + source + " (link type " + linkType + ", " + (nanos ? "ns" : "µs") + ", " + byteOrder() + ")";
    }

    // ---------------------------------------------------------------- records

    /** Reads one record: its packet, or null if it was rejected or the file ended. */
    private Packet readRecord() throws IOException {
        if (!fill(RECORD_HEADER)) {
            int left = limit - position;
            ended = true;
            if (left > 0) {
                reject(record + 1, "truncated record header: " + left + " of 16 bytes at the end of the file");
            }
            return null;
        }
        record++;
        long seconds = u32(position);
        long fraction = u32(position + 4);
        long captured = u32(position + 8);
        long original = u32(position + 12);
        position += RECORD_HEADER;
        if (captured > recordLimit) {
            ended = true;
            reject(record, "captured length " + captured + " exceeds the snapshot length " + snapLength
                    + ": the file is corrupt from here on, reading stops");
            return null;
        }
        int length = (int) captured;
        if (!fill(length)) {
            ended = true;
            reject(record, "truncated record: " + (limit - position) + " of " + length
                    + " captured bytes at the end of the file");
            position = limit;
            return null;
        }
        int start = position;
        position += length;
        if (fraction >= (nanos ? 1_000_000_000L : 1_000_000L)) {
            return reject(record, "bad timestamp: fraction " + fraction + " is not below one second in "
                    + (nanos ? "nanoseconds" : "microseconds"));
        }
        if (original < captured) {
            return reject(record, "captured length " + captured + " exceeds the original length " + original);
        }
        if (original > Integer.MAX_VALUE) {
            return reject(record, "original length " + original + " is too large");
        }
        if (!decode(start, start + length)) {
            return null;
        }
        Instant timestamp = Instant.ofEpochSecond(seconds, nanos ? fraction : fraction * 1000);
        return new Packet(timestamp, srcAddr, srcPort, dstAddr, dstPort, protocol, (int) original, tcpFlags, payload,
                ipProtocol);
    }

    private Packet reject(long number, String reason) {
        rejects.accept(new PcapReject(source, number, reason));
        return null;
    }

    /** Rejects the current record; returns false so that decoders can {@code return fail(...)}. */
    private boolean fail(String reason) {
        reject(record, reason);
        return false;
    }

    // ---------------------------------------------------------------- link layer

    private boolean decode(int at, int end) {
        int etherType;
        switch (linkType) {
            case LINKTYPE_ETHERNET -> {
                if (end - at < 14) {
                    return fail("truncated Ethernet header: " + (end - at) + " of 14 bytes");
                }
                etherType = be16(at + 12);
                if (etherType <= 1500) {
                    return fail("802.3 frame with length field " + etherType + " (LLC), not IP");
                }
                at += 14;
            }
            case LINKTYPE_LINUX_SLL -> {
                if (end - at < 16) {
                    return fail("truncated Linux cooked header: " + (end - at) + " of 16 bytes");
                }
                etherType = be16(at + 14);
                at += 16;
            }
            case LINKTYPE_LINUX_SLL2 -> {
                if (end - at < 20) {
                    return fail("truncated Linux cooked v2 header: " + (end - at) + " of 20 bytes");
                }
                etherType = be16(at);
                at += 20;
            }
            case LINKTYPE_IPV4 -> etherType = ETHERTYPE_IPV4;
            case LINKTYPE_IPV6 -> etherType = ETHERTYPE_IPV6;
            default -> {
                if (end - at < 1) {
                    return fail("empty raw IP packet");
                }
                int version = u8(at) >>> 4;
                if (version != 4 && version != 6) {
                    return fail("raw IP packet of version " + version + ", not 4 or 6");
                }
                etherType = version == 4 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6;
            }
        }
        while (etherType == 0x8100 || etherType == 0x88A8 || etherType == 0x9100) {
            if (end - at < 4) {
                return fail("truncated VLAN tag: " + (end - at) + " of 4 bytes");
            }
            etherType = be16(at + 2);
            at += 4;
        }
        return switch (etherType) {
            case ETHERTYPE_IPV4 -> ipv4(at, end);
            case ETHERTYPE_IPV6 -> ipv6(at, end);
            default -> fail("ethertype 0x" + hex4(etherType) + etherTypeName(etherType) + " is not IP");
        };
    }

    private static String etherTypeName(int etherType) {
        return switch (etherType) {
            case 0x0806 -> " (ARP)";
            case 0x8035 -> " (RARP)";
            case 0x88CC -> " (LLDP)";
            case 0x888E -> " (EAPOL)";
            case 0x8847, 0x8848 -> " (MPLS)";
            case 0x8863, 0x8864 -> " (PPPoE)";
            case 0x88F7 -> " (PTP)";
            default -> "";
        };
    }

    // ---------------------------------------------------------------- network layer

    private boolean ipv4(int at, int end) {
        if (end - at < 20) {
            return fail("truncated IPv4 header: " + (end - at) + " of 20 bytes");
        }
        int first = u8(at);
        if (first >>> 4 != 4) {
            return fail("IPv4 ethertype but IP version " + (first >>> 4));
        }
        int headerLength = (first & 0x0F) * 4;
        if (headerLength < 20) {
            return fail("bad IPv4 header length: " + headerLength + " bytes, less than 20");
        }
        if (headerLength > end - at) {
            return fail("truncated IPv4 header: " + (end - at) + " of " + headerLength + " bytes (with options)");
        }
        int totalLength = be16(at + 2);
        if (totalLength >= headerLength && totalLength < end - at) {
            end = at + totalLength; // Ethernet padding follows the datagram
        }
        // the datagram's end on the wire, beyond what the snapshot length kept
        long wireEnd = totalLength >= headerLength ? at + (long) totalLength : end;
        boolean laterFragment = (be16(at + 6) & 0x1FFF) != 0;
        srcAddr = addresses.ipv4(be32(at + 12));
        dstAddr = addresses.ipv4(be32(at + 16));
        return transport(u8(at + 9), at + headerLength, end, wireEnd, laterFragment, false);
    }

    private boolean ipv6(int at, int end) {
        if (end - at < 40) {
            return fail("truncated IPv6 header: " + (end - at) + " of 40 bytes");
        }
        int version = u8(at) >>> 4;
        if (version != 6) {
            return fail("IPv6 ethertype but IP version " + version);
        }
        int payloadLength = be16(at + 4);
        if (payloadLength != 0 && payloadLength < end - at - 40) {
            end = at + 40 + payloadLength;
        }
        int nextHeader = u8(at + 6);
        long wireEnd = payloadLength != 0 ? at + 40L + payloadLength : end;
        srcAddr = addresses.ipv6(be64(at + 8), be64(at + 16));
        dstAddr = addresses.ipv6(be64(at + 24), be64(at + 32));
        at += 40;
        boolean laterFragment = false;
        while (!laterFragment) {
            int headerLength;
            switch (nextHeader) {
                case 0, 43, 60, 135, 139, 140 -> { // hop-by-hop, routing, destination, mobility, HIP, shim6
                    if (end - at < 2) {
                        return fail("truncated IPv6 extension header " + nextHeader);
                    }
                    headerLength = (u8(at + 1) + 1) * 8;
                }
                case 44 -> { // fragment
                    if (end - at < 8) {
                        return fail("truncated IPv6 fragment header: " + (end - at) + " of 8 bytes");
                    }
                    headerLength = 8;
                    laterFragment = (be16(at + 2) & 0xFFF8) != 0;
                }
                case 51 -> { // authentication
                    if (end - at < 2) {
                        return fail("truncated IPv6 authentication header");
                    }
                    headerLength = (u8(at + 1) + 2) * 4;
                }
                default -> {
                    return transport(nextHeader, at, end, wireEnd, false, true);
                }
            }
            if (headerLength > end - at) {
                return fail("truncated IPv6 extension header " + nextHeader + ": " + (end - at) + " of "
                        + headerLength + " bytes");
            }
            nextHeader = u8(at);
            at += headerLength;
        }
        return transport(nextHeader, at, end, wireEnd, true, true);
    }

    // ---------------------------------------------------------------- transport layer

    /**
     * Decodes the transport header at {@code at}; {@code end} is where the captured datagram ends,
     * {@code wireEnd} where it ended on the wire (for the payload length).
     */
    private boolean transport(int ipProtocol, int at, int end, long wireEnd, boolean laterFragment, boolean v6) {
        srcPort = 0;
        dstPort = 0;
        tcpFlags = 0;
        this.ipProtocol = ipProtocol;
        payload = Math.clamp(wireEnd - at, 0, Integer.MAX_VALUE);
        if (laterFragment) {
            protocol = Protocol.of(ipProtocol);
            return true;
        }
        switch (ipProtocol) {
            case 6 -> {
                protocol = Protocol.TCP;
                if (end - at < 20) {
                    return fail("truncated TCP header: " + (end - at) + " of 20 bytes");
                }
                int headerLength = (u8(at + 12) >>> 4) * 4;
                if (headerLength < 20) {
                    return fail("bad TCP header length: " + headerLength + " bytes, less than 20");
                }
                srcPort = be16(at);
                dstPort = be16(at + 2);
                tcpFlags = u8(at + 13);
                payload = Math.clamp(wireEnd - at - headerLength, 0, Integer.MAX_VALUE);
            }
            case 17 -> {
                protocol = Protocol.UDP;
                if (end - at < 8) {
                    return fail("truncated UDP header: " + (end - at) + " of 8 bytes");
                }
                srcPort = be16(at);
                dstPort = be16(at + 2);
                payload = Math.clamp(wireEnd - at - 8, 0, Integer.MAX_VALUE);
            }
            case 1, 58 -> {
                protocol = Protocol.ICMP;
                if (end - at < 4) {
                    return fail("truncated " + (v6 ? "ICMPv6" : "ICMP") + " header: " + (end - at) + " of 4 bytes");
                }
                srcPort = u8(at); // the type and code, as Zeek and Community ID take them
                dstPort = u8(at + 1);
                payload = Math.clamp(wireEnd - at - 8, 0, Integer.MAX_VALUE);
            }
            default -> protocol = Protocol.OTHER;
        }
        return true;
    }

    // ---------------------------------------------------------------- bytes

    /**
     * Makes at least {@code n} bytes available from {@link #position}, reading as needed.
     *
     * @return false if the stream ended first (what it had is still available)
     */
    private boolean fill(int n) throws IOException {
        if (limit - position >= n) {
            return true;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            position = 0;
        }
        if (n > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(n, buffer.length * 2));
        }
        while (limit < n) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                return false;
            }
            limit += read;
        }
        return true;
    }

    private int u8(int at) {
        return buffer[at] & 0xFF;
    }

    private int be16(int at) {
        return (buffer[at] & 0xFF) << 8 | buffer[at + 1] & 0xFF;
    }

    private int be32(int at) {
        return (buffer[at] & 0xFF) << 24 | (buffer[at + 1] & 0xFF) << 16 | (buffer[at + 2] & 0xFF) << 8
                | buffer[at + 3] & 0xFF;
    }

    private long be64(int at) {
        return (long) be32(at) << 32 | be32(at + 4) & 0xFFFF_FFFFL;
    }

    /** An unsigned 32-bit field of the file's own byte order. */
    private long u32(int at) {
        int value = be32(at);
        return (bigEndian ? value : Integer.reverseBytes(value)) & 0xFFFF_FFFFL;
    }

    private static String hex4(int value) {
        String hex = Integer.toHexString(value);
        return "0000".substring(hex.length()) + hex;
    }
}
