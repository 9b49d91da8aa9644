package io.github.loomfactory.flows.capture;

import io.github.loomfactory.flows.Packet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads the packets of a pcapng capture file (the default format of Wireshark, dumpcap and
 * tshark), one {@link Packet} per decodable packet block.
 *
 * <p>Reads section header blocks (any number of sections, each in its own byte order),
 * interface description blocks (each interface with its own link type, {@code if_tsresol} in
 * both its 10<sup>-n</sup> and 2<sup>-n</sup> forms, default microseconds, and
 * {@code if_tsoffset} in seconds), enhanced packet blocks, simple packet blocks and the obsolete
 * packet blocks. Every other block (name resolution, interface statistics, decryption secrets,
 * custom, systemd journal, and types yet to come) is skipped by its length. Frames are decoded
 * as {@link PcapReader} decodes them, for the same link types.
 *
 * <p>Packet records are numbered from 1 across the whole file, as Wireshark numbers frames, so a
 * reject's record number is the {@code frame.number} to look for. A simple packet block carries
 * no timestamp: its packet gets the timestamp of the packet before it (the Unix epoch if it is the
 * first), so that flows and timeouts stay in order.
 *
 * <p>A packet block that cannot become a packet (an unknown interface, an unsupported link type,
 * lengths that do not fit the block, a timestamp out of range, a frame that is not IP) is handed
 * to the reject handler as a {@link PcapReject} and reading goes on with the next block, which the
 * block's own length finds. A bad option of an interface description is rejected too (numbered as
 * the packet record that follows it) and the interface keeps the options read before it. Only a
 * break in the framing itself (a block length under 12 or not a multiple of 4, beyond 64 MiB, not
 * repeated at the block's end, a truncated last block, a section of an unknown byte order or major
 * version) ends reading, with a reject: the next block can no longer be found. Nothing is skipped
 * silently, and no input makes the reader loop or throw anything but {@link UncheckedIOException}
 * for a failing stream.
 *
 * <p>Not thread-safe: use it from one thread, and close it to close the stream.
 *
 * {@snippet file="io/github/loomfactory/flows/capture/PcapngReaderSnippetTest.java" region="pcapng"}
 */
public final class PcapngReader extends FileCaptureReader implements CaptureReader {

    /** The block type of a section header block, also the first four bytes of every pcapng file. */
    public static final int SECTION_HEADER = 0x0A0D_0D0A;
    /** The block type of an interface description block. */
    public static final int INTERFACE_DESCRIPTION = 1;
    /** The block type of the obsolete packet block. */
    public static final int OBSOLETE_PACKET = 2;
    /** The block type of a simple packet block. */
    public static final int SIMPLE_PACKET = 3;
    /** The block type of an enhanced packet block. */
    public static final int ENHANCED_PACKET = 6;

    private static final int BYTE_ORDER_MAGIC = 0x1A2B_3C4D;
    private static final int MAX_BLOCK = 64 << 20;
    private static final int OPTION_END = 0;
    private static final int IF_TSRESOL = 9;
    private static final int IF_TSOFFSET = 14;
    private static final long MAX_INSTANT_SECONDS = Instant.MAX.getEpochSecond();
    private static final long MIN_INSTANT_SECONDS = Instant.MIN.getEpochSecond();
    private static final long[] POWERS_OF_TEN = new long[19];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private final List<Interface> interfaces = new ArrayList<>();

    private boolean bigEndian;
    private int sections;
    private long lastSeconds;
    private int lastNanos;

    /**
     * One interface of the current section.
     *
     * @param linkType its link type
     * @param snapLength its snapshot length, 0 for none
     * @param binary whether its timestamps count 2^-exponent rather than 10^-exponent seconds
     * @param exponent the resolution's exponent
     * @param offsetSeconds seconds to add to every timestamp
     */
    private record Interface(int linkType, long snapLength, boolean binary, int exponent, long offsetSeconds) {
    }

    private PcapngReader(InputStream in, String source, Consumer<PcapReject> rejects) throws IOException {
        super(in, source, rejects);
        if (!input.fill(12) || input.be32(0) != SECTION_HEADER) {
            throw new IOException(source + ": not a pcapng file: it does not start with a section header block"
                    + (input.available() >= 4 ? " (it starts with 0x" + String.format("%08x", input.be32(0)) + ")"
                            : " (it is " + input.available() + " bytes long)"));
        }
        int order = input.be32(8);
        if (order != BYTE_ORDER_MAGIC && order != Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            throw new IOException(source + ": not a pcapng file: bad byte-order magic 0x" + String.format("%08x", order)
                    + " in its section header block");
        }
    }

    /**
     * Opens a reader on a pcapng stream, checking that it starts with a section header block.
     *
     * @param in the stream; the reader closes it
     * @param sourceName the name of the file, for messages and rejects
     * @param rejects receives each record that is not a readable IP packet, on the reading thread
     * @return a reader positioned before the first block
     * @throws IOException if the stream fails or does not start with a pcapng section header; the
     *     stream is closed then
     */
    public static PcapngReader open(InputStream in, String sourceName, Consumer<PcapReject> rejects) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(rejects, "rejects");
        return closingOnFailure(in, () -> new PcapngReader(in, sourceName, rejects));
    }

    /**
     * Returns how many sections have begun so far.
     *
     * @return the number of section header blocks read
     */
    public int sections() {
        return sections;
    }

    @Override
    public String toString() {
        return "pcapng " + source + " (" + sections + " section(s), " + interfaces.size() + " interface(s) in the current one)";
    }

    // ---------------------------------------------------------------- blocks

    /** Reads one block: a packet, or null if the block was no packet, was rejected, or the file ended. */
    @Override
    Packet read() throws IOException {
        ByteInput in = input;
        long offset = in.offset();
        if (!in.fill(12)) {
            ended = true;
            if (in.available() > 0) {
                stop("truncated block header at byte " + offset + ": " + in.available() + " of at least 12 bytes at the end"
                        + " of the file");
            }
            return null;
        }
        int at = in.position;
        if (in.be32(at) == SECTION_HEADER) {
            int order = in.be32(at + 8);
            if (order != BYTE_ORDER_MAGIC && order != Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
                return stop("section header block at byte " + offset + " has a bad byte-order magic 0x"
                        + String.format("%08x", order));
            }
            bigEndian = order == BYTE_ORDER_MAGIC;
        }
        int type = (int) in.u32(at, bigEndian);
        long length = in.u32(at + 4, bigEndian);
        if (length < 12 || length % 4 != 0 || length > MAX_BLOCK) {
            return stop("block of type 0x" + Integer.toHexString(type) + " at byte " + offset + " has a bad total length "
                    + length + (length > MAX_BLOCK ? " (over 64 MiB)" : " (it must be a multiple of 4, at least 12)"));
        }
        int size = (int) length;
        boolean known = type == SECTION_HEADER || type == INTERFACE_DESCRIPTION || type == ENHANCED_PACKET
                || type == SIMPLE_PACKET || type == OBSOLETE_PACKET;
        if (!known) {
            if (!in.skip(size)) {
                ended = true;
                reject(record + 1, "truncated block of type 0x" + Integer.toHexString(type) + " at byte " + offset
                        + ": the file ends inside its " + size + " bytes");
            }
            return null;
        }
        if (!in.fill(size)) {
            in.position = in.limit;
            return stop("truncated block of type 0x" + Integer.toHexString(type) + " at byte " + offset + ": "
                    + in.available() + " of " + size + " bytes at the end of the file");
        }
        at = in.position;
        long trailer = in.u32(at + size - 4, bigEndian);
        if (trailer != length) {
            return stop("block of type 0x" + Integer.toHexString(type) + " at byte " + offset + " gives its total length as "
                    + length + " at its start but " + trailer + " at its end");
        }
        in.position += size;
        int body = at + 8;
        int end = at + size - 4;
        return switch (type) {
            case SECTION_HEADER -> section(body, end, offset);
            case INTERFACE_DESCRIPTION -> description(body, end, offset);
            case ENHANCED_PACKET -> enhanced(body, end);
            case SIMPLE_PACKET -> simple(body, end);
            default -> obsolete(body, end);
        };
    }

    private Packet section(int body, int end, long offset) {
        if (end - body < 16) {
            return stop("section header block at byte " + offset + " is " + (end - body + 12) + " bytes, shorter than 28");
        }
        int major = input.u16(body + 4, bigEndian);
        if (major != 1) {
            return stop("section header block at byte " + offset + " is of version " + major + "."
                    + input.u16(body + 6, bigEndian) + "; only version 1 sections can be read");
        }
        sections++;
        interfaces.clear();
        return null;
    }

    private Packet description(int body, int end, long offset) {
        if (end - body < 8) {
            reject(record + 1, "interface description block " + interfaces.size() + " at byte " + offset + " is "
                    + (end - body + 12) + " bytes, shorter than 20; its interface cannot be read");
            interfaces.add(new Interface(-1, 0, false, 6, 0));
            return null;
        }
        int linkType = input.u16(body, bigEndian);
        long snapLength = input.u32(body + 4, bigEndian);
        boolean binary = false;
        int exponent = 6;
        long offsetSeconds = 0;
        int at = body + 8;
        String problem = null;
        while (end - at >= 4) {
            int code = input.u16(at, bigEndian);
            int valueLength = input.u16(at + 2, bigEndian);
            if (code == OPTION_END) {
                break;
            }
            if (valueLength > end - at - 4) {
                problem = "option " + code + " of " + valueLength + " bytes overruns the block";
                break;
            }
            int value = at + 4;
            if (code == IF_TSRESOL) {
                if (valueLength != 1) {
                    problem = "if_tsresol of " + valueLength + " bytes, not 1";
                    break;
                }
                int resolution = input.u8(value);
                boolean base2 = (resolution & 0x80) != 0;
                int n = resolution & 0x7F;
                if (base2 ? n > 63 : n > 18) {
                    problem = "if_tsresol " + (base2 ? "2^-" : "10^-") + n + " is beyond what a 64-bit timestamp can hold";
                    break;
                }
                binary = base2;
                exponent = n;
            } else if (code == IF_TSOFFSET) {
                if (valueLength != 8) {
                    problem = "if_tsoffset of " + valueLength + " bytes, not 8";
                    break;
                }
                offsetSeconds = input.s64(value, bigEndian);
            }
            at = value + ((valueLength + 3) & ~3);
        }
        if (problem != null) {
            reject(record + 1, "interface description block " + interfaces.size() + " at byte " + offset + ": " + problem
                    + "; the interface keeps the options before it");
        }
        interfaces.add(new Interface(linkType, snapLength, binary, exponent, offsetSeconds));
        return null;
    }

    private Packet enhanced(int body, int end) {
        record++;
        if (end - body < 20) {
            return reject(record, "enhanced packet block of " + (end - body + 12) + " bytes, shorter than 32");
        }
        long interfaceId = input.u32(body, bigEndian);
        long high = input.u32(body + 4, bigEndian);
        long low = input.u32(body + 8, bigEndian);
        long captured = input.u32(body + 12, bigEndian);
        long original = input.u32(body + 16, bigEndian);
        return packet(interfaceId, high << 32 | low, true, captured, original, body + 20, end, "enhanced");
    }

    private Packet obsolete(int body, int end) {
        record++;
        if (end - body < 20) {
            return reject(record, "obsolete packet block of " + (end - body + 12) + " bytes, shorter than 32");
        }
        long interfaceId = input.u16(body, bigEndian);
        long high = input.u32(body + 4, bigEndian);
        long low = input.u32(body + 8, bigEndian);
        long captured = input.u32(body + 12, bigEndian);
        long original = input.u32(body + 16, bigEndian);
        return packet(interfaceId, high << 32 | low, true, captured, original, body + 20, end, "obsolete");
    }

    private Packet simple(int body, int end) {
        record++;
        if (end - body < 4) {
            return reject(record, "simple packet block of " + (end - body + 12) + " bytes, shorter than 16");
        }
        if (interfaces.isEmpty()) {
            return reject(record, "simple packet block before any interface description in its section");
        }
        long original = input.u32(body, bigEndian);
        long captured = Math.min(original, end - body - 4);
        long snapLength = interfaces.getFirst().snapLength();
        if (snapLength > 0) {
            captured = Math.min(captured, snapLength);
        }
        return packet(0, 0, false, captured, original, body + 4, end, "simple");
    }

    /** The packet of a packet block's frame, or null after rejecting it. */
    private Packet packet(long interfaceId, long units, boolean stamped, long captured, long original, int data, int end,
            String kind) {
        if (interfaceId >= interfaces.size()) {
            return reject(record, kind + " packet block of interface " + interfaceId + ", but its section describes "
                    + interfaces.size() + " interface(s)");
        }
        Interface face = interfaces.get((int) interfaceId);
        if (captured > end - data) {
            return reject(record, "captured length " + captured + " exceeds the " + (end - data) + " bytes left in its "
                    + kind + " packet block");
        }
        if (original < captured) {
            return reject(record, "captured length " + captured + " exceeds the original length " + original);
        }
        if (original > Integer.MAX_VALUE) {
            return reject(record, "original length " + original + " is too large");
        }
        if (face.linkType() < 0) {
            return reject(record, "its interface " + interfaceId + " has an unreadable description");
        }
        if (!PacketDecoder.supports(face.linkType())) {
            return reject(record, "link type " + face.linkType() + " of interface " + interfaceId
                    + " is not supported; supported are " + PacketDecoder.SUPPORTED);
        }
        if (stamped && !timestamp(face, units)) {
            return null;
        }
        String failure = decoder.decode(input.buffer, data, data + (int) captured, face.linkType());
        if (failure != null) {
            return reject(record, failure);
        }
        return decoder.packet(Instant.ofEpochSecond(lastSeconds, lastNanos), (int) original);
    }

    /** Sets {@link #lastSeconds} and {@link #lastNanos} from a timestamp in the interface's units; false after rejecting it. */
    private boolean timestamp(Interface face, long units) {
        long seconds;
        long nanos;
        int n = face.exponent();
        if (face.binary()) {
            seconds = units >>> n;
            long fraction = n == 0 ? 0 : units & (-1L >>> (64 - n));
            // fraction * 10^9 / 2^n, through the 128-bit product
            long productHigh = Math.unsignedMultiplyHigh(fraction, 1_000_000_000L);
            long productLow = fraction * 1_000_000_000L;
            nanos = n == 0 ? 0 : (productLow >>> n) | (productHigh << (64 - n));
        } else {
            long unit = POWERS_OF_TEN[n];
            seconds = Long.divideUnsigned(units, unit);
            long fraction = Long.remainderUnsigned(units, unit);
            nanos = n <= 9 ? fraction * POWERS_OF_TEN[9 - n] : fraction / POWERS_OF_TEN[n - 9];
        }
        if (seconds < 0 || seconds > MAX_INSTANT_SECONDS
                || face.offsetSeconds() > 0 && seconds > MAX_INSTANT_SECONDS - face.offsetSeconds()
                || face.offsetSeconds() < 0 && seconds + face.offsetSeconds() < MIN_INSTANT_SECONDS) {
            reject(record, "timestamp " + Long.toUnsignedString(units) + " (" + (face.binary() ? "2^-" : "10^-") + n
                    + " s units, offset " + face.offsetSeconds() + " s) is out of range");
            return false;
        }
        lastSeconds = seconds + face.offsetSeconds();
        lastNanos = (int) nanos;
        return true;
    }

    @Override
    String reading() {
        return "reading the block after record " + record;
    }


    /** Rejects a break in the framing: the rest of the file cannot be found. */
    private Packet stop(String reason) {
        ended = true;
        return reject(record + 1, reason + ": the file cannot be read on from here, reading stops");
    }
}
