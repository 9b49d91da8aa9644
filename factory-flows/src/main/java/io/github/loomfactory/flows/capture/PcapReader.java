package io.github.loomfactory.flows.capture;

import io.github.loomfactory.flows.Packet;
import io.github.loomfactory.flows.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.time.Instant;
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
 * flags from TCP; ICMP and ICMPv6 become {@link Protocol#ICMP} with the message type and code as
 * ports, any other IP protocol {@link Protocol#OTHER} with ports 0. Each packet carries its IP
 * protocol number and its transport payload length, from the IP header's length fields. A
 * packet's {@code length} is its record's original length on the wire. pcapng files are read by {@link PcapngReader}; {@link Captures#open} tells
 * the two apart by their magic numbers.
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
 * {@snippet file="io/github/loomfactory/flows/capture/PcapReaderSnippetTest.java" region="pcap"}
 */
public final class PcapReader extends FileCaptureReader implements CaptureReader {

    /** Link type Ethernet. */
    public static final int LINKTYPE_ETHERNET = PacketDecoder.ETHERNET;
    /** Link type raw IP: each record is an IPv4 or IPv6 packet. */
    public static final int LINKTYPE_RAW = PacketDecoder.RAW;
    /** Link type Linux cooked capture v1 ("any" device). */
    public static final int LINKTYPE_LINUX_SLL = PacketDecoder.LINUX_SLL;
    /** Link type raw IPv4. */
    public static final int LINKTYPE_IPV4 = PacketDecoder.IPV4;
    /** Link type raw IPv6. */
    public static final int LINKTYPE_IPV6 = PacketDecoder.IPV6;
    /** Link type Linux cooked capture v2. */
    public static final int LINKTYPE_LINUX_SLL2 = PacketDecoder.LINUX_SLL2;

    private static final int MAGIC_MICROS = 0xA1B2_C3D4;
    private static final int MAGIC_NANOS = 0xA1B2_3C4D;
    private static final int HEADER = 24;
    private static final int RECORD_HEADER = 16;
    /** Records up to this long are accepted whatever the header's snapshot length says. */
    private static final int MIN_RECORD_LIMIT = 262_144;
    private static final int MAX_RECORD_LIMIT = 64 << 20;

    private final boolean bigEndian;
    private final boolean nanos;
    private final int linkType;
    private final long snapLength;
    private final long recordLimit;

    private PcapReader(InputStream in, String source, Consumer<PcapReject> rejects) throws IOException {
        super(in, source, rejects);
        if (!input.fill(HEADER)) {
            throw new IOException(source + ": not a classic pcap file: it is " + input.available()
                    + " bytes long, shorter than the 24-byte pcap file header");
        }
        int magic = input.be32(0);
        if (!isMagic(magic)) {
            throw new IOException(source + ": not a classic pcap file: "
                    + (magic == PcapngReader.SECTION_HEADER
                            ? "it starts with a pcapng section header; read it with PcapngReader or Captures.open"
                            : "unknown magic number 0x" + Integer.toHexString(magic)));
        }
        bigEndian = magic == MAGIC_MICROS || magic == MAGIC_NANOS;
        nanos = magic == MAGIC_NANOS || magic == Integer.reverseBytes(MAGIC_NANOS);
        snapLength = input.u32(16, bigEndian);
        linkType = (int) (input.u32(20, bigEndian) & 0xFFFF);
        if (!PacketDecoder.supports(linkType)) {
            throw new IOException(source + ": unsupported link type " + linkType + "; supported are "
                    + PacketDecoder.SUPPORTED);
        }
        recordLimit = Math.clamp(snapLength, MIN_RECORD_LIMIT, MAX_RECORD_LIMIT);
        input.position = HEADER;
    }

    /** Whether the first four bytes of a file (big-endian) are a classic pcap magic number. */
    static boolean isMagic(int magic) {
        return magic == MAGIC_MICROS || magic == MAGIC_NANOS
                || magic == Integer.reverseBytes(MAGIC_MICROS) || magic == Integer.reverseBytes(MAGIC_NANOS);
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
        return closingOnFailure(in, () -> new PcapReader(in, sourceName, rejects));
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

    @Override
    public String toString() {
        return "pcap " + source + " (link type " + linkType + ", " + (nanos ? "ns" : "µs") + ", " + byteOrder() + ")";
    }

    /** Reads one record: its packet, or null if it was rejected or the file ended. */
    @Override
    Packet read() throws IOException {
        ByteInput in = input;
        if (!in.fill(RECORD_HEADER)) {
            int left = in.available();
            ended = true;
            if (left > 0) {
                reject(record + 1, "truncated record header: " + left + " of 16 bytes at the end of the file");
            }
            return null;
        }
        record++;
        int at = in.position;
        long seconds = in.u32(at, bigEndian);
        long fraction = in.u32(at + 4, bigEndian);
        long captured = in.u32(at + 8, bigEndian);
        long original = in.u32(at + 12, bigEndian);
        in.position += RECORD_HEADER;
        if (captured > recordLimit) {
            ended = true;
            reject(record, "captured length " + captured + " exceeds the snapshot length " + snapLength
                    + ": the file is corrupt from here on, reading stops");
            return null;
        }
        int length = (int) captured;
        if (!in.fill(length)) {
            ended = true;
            reject(record, "truncated record: " + in.available() + " of " + length
                    + " captured bytes at the end of the file");
            in.position = in.limit;
            return null;
        }
        int start = in.position;
        in.position += length;
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
        String failure = decoder.decode(in.buffer, start, start + length, linkType);
        if (failure != null) {
            return reject(record, failure);
        }
        return decoder.packet(Instant.ofEpochSecond(seconds, nanos ? fraction : fraction * 1000), (int) original);
    }

    @Override
    String reading() {
        return "reading record " + (record + 1);
    }
}
