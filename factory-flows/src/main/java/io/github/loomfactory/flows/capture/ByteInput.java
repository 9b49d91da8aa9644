package io.github.loomfactory.flows.capture;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * A capture file's bytes, read through one growable buffer: the readers look at
 * {@link #buffer} between {@link #position} and {@link #limit} directly, and ask for more with
 * {@link #fill}. Big-endian accessors; the readers swap for little-endian files.
 *
 * <p>Not thread-safe: each reader owns one.
 */
final class ByteInput implements AutoCloseable {
    private final InputStream in;
    /** The buffered bytes; valid from {@link #position} to {@link #limit}. */
    byte[] buffer = new byte[1 << 16];
    /** The next unread byte in {@link #buffer}. */
    int position;
    /** The end of the valid bytes in {@link #buffer}. */
    int limit;
    /** How many bytes of the stream came before {@code buffer[0]}. */
    private long discarded;

    ByteInput(InputStream in) {
        this.in = in;
    }

    /** The offset in the stream of the byte at {@link #position}. */
    long offset() {
        return discarded + position;
    }

    /** How many buffered bytes are left from {@link #position}. */
    int available() {
        return limit - position;
    }

    /**
     * Makes at least {@code n} bytes available from {@link #position}, reading as needed.
     *
     * @return false if the stream ended first (what it had is still available)
     */
    boolean fill(int n) throws IOException {
        if (limit - position >= n) {
            return true;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            discarded += position;
            position = 0;
        }
        if (n > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(n, (int) Math.min(Integer.MAX_VALUE - 8, buffer.length * 2L)));
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

    /**
     * Moves {@link #position} {@code n} bytes on, reading past what is buffered without keeping it.
     *
     * @return false if the stream ended first (the position is then at its end)
     */
    boolean skip(long n) throws IOException {
        if (n <= limit - position) {
            position += (int) n;
            return true;
        }
        long left = n - (limit - position);
        discarded += limit;
        position = 0;
        limit = 0;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                return false;
            }
            discarded += read;
            left -= read;
        }
        return true;
    }

    int u8(int at) {
        return buffer[at] & 0xFF;
    }

    int be16(int at) {
        return (buffer[at] & 0xFF) << 8 | buffer[at + 1] & 0xFF;
    }

    int be32(int at) {
        return (buffer[at] & 0xFF) << 24 | (buffer[at + 1] & 0xFF) << 16 | (buffer[at + 2] & 0xFF) << 8
                | buffer[at + 3] & 0xFF;
    }

    /** An unsigned 16-bit field in the given byte order. */
    int u16(int at, boolean bigEndian) {
        int value = be16(at);
        return bigEndian ? value : Integer.reverseBytes(value) >>> 16;
    }

    /** An unsigned 32-bit field in the given byte order. */
    long u32(int at, boolean bigEndian) {
        int value = be32(at);
        return (bigEndian ? value : Integer.reverseBytes(value)) & 0xFFFF_FFFFL;
    }

    /** A 64-bit field in the given byte order. */
    long s64(int at, boolean bigEndian) {
        long value = (long) be32(at) << 32 | be32(at + 4) & 0xFFFF_FFFFL;
        return bigEndian ? value : Long.reverseBytes(value);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
