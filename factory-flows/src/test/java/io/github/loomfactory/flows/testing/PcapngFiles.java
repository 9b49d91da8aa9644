package io.github.loomfactory.flows.testing;

import io.github.loomfactory.flows.Packet;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Writes pcapng files for tests, block by block: section headers in either byte order, interface
 * descriptions with {@code if_tsresol} and {@code if_tsoffset}, enhanced, simple and obsolete
 * packet blocks, and any other block. Frames come from {@link PcapFiles#frame}, so reading a
 * file of packets gives back the same packets.
 *
 * {@snippet :
 * byte[] file = PcapngFiles.writer(ByteOrder.BIG_ENDIAN)
 *         .iface(PcapReader.LINKTYPE_ETHERNET, PcapngFiles.NANOS, 0)
 *         .packet(0, syn)
 *         .block(4, new byte[8])          // a name resolution block, skipped
 *         .toByteArray();
 * }
 */
public final class PcapngFiles {
    /** if_tsresol of microseconds, the default. */
    public static final int MICROS = 6;
    /** if_tsresol of nanoseconds. */
    public static final int NANOS = 9;
    /** if_tsresol option code. */
    public static final int IF_TSRESOL = 9;
    /** if_tsoffset option code. */
    public static final int IF_TSOFFSET = 14;

    private PcapngFiles() {
    }

    /**
     * Returns a pcapng file of one section and one interface holding {@code packets}.
     *
     * @param order the section's byte order
     * @param linkType the interface's link type
     * @param tsresol the interface's if_tsresol byte
     * @param packets the packets
     * @return the file's bytes
     */
    public static byte[] pcapng(ByteOrder order, int linkType, int tsresol, List<Packet> packets) {
        var writer = writer(order).iface(linkType, tsresol, 0);
        packets.forEach(packet -> writer.packet(0, packet));
        return writer.toByteArray();
    }

    /**
     * Returns a writer whose first section header (in {@code order}) is already written.
     *
     * @param order the first section's byte order
     * @return a new writer
     */
    public static Writer writer(ByteOrder order) {
        return new Writer(order);
    }

    /**
     * Returns the timestamp units of {@code at} for an interface of the given resolution and offset.
     *
     * @param at the time
     * @param tsresol the if_tsresol byte (10^-n, or 2^-n with the high bit)
     * @param offsetSeconds the if_tsoffset
     * @return the 64-bit timestamp
     */
    public static long units(Instant at, int tsresol, long offsetSeconds) {
        long seconds = at.getEpochSecond() - offsetSeconds;
        int n = tsresol & 0x7F;
        if ((tsresol & 0x80) != 0) {
            return seconds << n | (long) ((double) at.getNano() * (1L << n) / 1e9);
        }
        long scale = (long) Math.pow(10, n);
        return seconds * scale + (n <= 9 ? at.getNano() / (long) Math.pow(10, 9 - n) : at.getNano() * (long) Math.pow(10, n - 9));
    }

    /** A pcapng file under construction; not thread-safe. */
    public static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private ByteOrder order;
        private int[] linkTypes = new int[0];
        private int[] resolutions = new int[0];
        private long[] offsets = new long[0];

        private Writer(ByteOrder order) {
            section(order);
        }

        /**
         * Starts a new section in {@code order}: its interfaces start again from 0.
         *
         * @param value the section's byte order
         * @return this writer
         */
        public Writer section(ByteOrder value) {
            order = Objects.requireNonNull(value, "order");
            linkTypes = new int[0];
            resolutions = new int[0];
            offsets = new long[0];
            var body = buffer(16).putInt(0x1A2B_3C4D).putShort((short) 1).putShort((short) 0).putLong(-1);
            return block(0x0A0D_0D0A, body.array());
        }

        /**
         * Adds an interface description with the given resolution and offset options (each
         * written only when not the default).
         *
         * @param linkType the link type
         * @param tsresol the if_tsresol byte
         * @param offsetSeconds the if_tsoffset
         * @return this writer
         */
        public Writer iface(int linkType, int tsresol, long offsetSeconds) {
            var options = new ByteArrayOutputStream();
            if (tsresol != MICROS) {
                options.writeBytes(option(IF_TSRESOL, new byte[] {(byte) tsresol}));
            }
            if (offsetSeconds != 0) {
                options.writeBytes(option(IF_TSOFFSET, buffer(8).putLong(offsetSeconds).array()));
            }
            options.writeBytes(new byte[4]); // opt_endofopt
            return ifaceWithOptions(linkType, 0, options.toByteArray(), tsresol, offsetSeconds);
        }

        /**
         * Adds an interface description with raw option bytes, for malformed files.
         *
         * @param linkType the link type
         * @param snapLength the snapshot length
         * @param options the option bytes as they are to appear
         * @param tsresol the resolution later {@link #packet} calls use for this interface
         * @param offsetSeconds the offset later {@link #packet} calls use for this interface
         * @return this writer
         */
        public Writer ifaceWithOptions(int linkType, int snapLength, byte[] options, int tsresol, long offsetSeconds) {
            var body = buffer(8 + options.length).putShort((short) linkType).putShort((short) 0).putInt(snapLength).put(options);
            int n = linkTypes.length;
            linkTypes = java.util.Arrays.copyOf(linkTypes, n + 1);
            resolutions = java.util.Arrays.copyOf(resolutions, n + 1);
            offsets = java.util.Arrays.copyOf(offsets, n + 1);
            linkTypes[n] = linkType;
            resolutions[n] = tsresol;
            offsets[n] = offsetSeconds;
            return block(1, body.array());
        }

        /**
         * Adds an enhanced packet block of {@code packet} on interface {@code id}, its timestamp in
         * the interface's units.
         *
         * @param id the interface id
         * @param packet the packet
         * @return this writer
         */
        public Writer packet(int id, Packet packet) {
            byte[] frame = PcapFiles.frame(linkTypes[id], packet);
            return enhanced(id, units(packet.timestamp(), resolutions[id], offsets[id]), frame, packet.length());
        }

        /**
         * Adds an enhanced packet block.
         *
         * @param id the interface id
         * @param units the 64-bit timestamp
         * @param data the captured bytes
         * @param originalLength the original length
         * @return this writer
         */
        public Writer enhanced(int id, long units, byte[] data, long originalLength) {
            var body = buffer(20 + padded(data.length)).putInt(id).putInt((int) (units >>> 32)).putInt((int) units)
                    .putInt(data.length).putInt((int) originalLength).put(data);
            return block(6, body.array());
        }

        /**
         * Adds an obsolete packet block.
         *
         * @param id the interface id
         * @param units the 64-bit timestamp
         * @param data the captured bytes
         * @param originalLength the original length
         * @return this writer
         */
        public Writer obsolete(int id, long units, byte[] data, long originalLength) {
            var body = buffer(20 + padded(data.length)).putShort((short) id).putShort((short) 0).putInt((int) (units >>> 32))
                    .putInt((int) units).putInt(data.length).putInt((int) originalLength).put(data);
            return block(2, body.array());
        }

        /**
         * Adds a simple packet block (no interface id, no timestamp: interface 0).
         *
         * @param data the captured bytes
         * @param originalLength the original length
         * @return this writer
         */
        public Writer simple(byte[] data, long originalLength) {
            var body = buffer(4 + padded(data.length)).putInt((int) originalLength).put(data);
            return block(3, body.array());
        }

        /**
         * Adds a block of any type around {@code body} (padded to 4 bytes).
         *
         * @param type the block type
         * @param body the block body
         * @return this writer
         */
        public Writer block(int type, byte[] body) {
            int length = 12 + padded(body.length);
            var block = buffer(length).putInt(type).putInt(length).put(body);
            block.position(length - 4);
            block.putInt(length);
            out.writeBytes(block.array());
            return this;
        }

        /**
         * Appends raw bytes.
         *
         * @param data the bytes
         * @return this writer
         */
        public Writer bytes(byte[] data) {
            out.writeBytes(data);
            return this;
        }

        /**
         * Returns the file written so far.
         *
         * @return the bytes
         */
        public byte[] toByteArray() {
            return out.toByteArray();
        }

        /**
         * Writes the file written so far.
         *
         * @param file the file to create or replace
         * @return {@code file}
         * @throws IOException if writing fails
         */
        public Path write(Path file) throws IOException {
            return Files.write(file, toByteArray());
        }

        private byte[] option(int code, byte[] value) {
            return buffer(4 + padded(value.length)).putShort((short) code).putShort((short) value.length).put(value).array();
        }

        private ByteBuffer buffer(int size) {
            return ByteBuffer.allocate(size).order(order);
        }

        private static int padded(int length) {
            return (length + 3) & ~3;
        }
    }
}
