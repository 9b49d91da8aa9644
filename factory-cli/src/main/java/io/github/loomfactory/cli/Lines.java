package io.github.loomfactory.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a byte stream line by line, decoding each line as strict UTF-8, so that one bad line
 * (invalid UTF-8, or longer than the limit) is reported on its own and reading goes on with the
 * next. Lines end at {@code \n}; a {@code \r} before it is dropped, and a byte-order mark at the
 * start of the stream is skipped. Not thread-safe.
 */
final class Lines implements AutoCloseable {
    /** The longest line accepted, in bytes. */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    /** One line: its number (from 1), its text, or why it is unreadable. */
    record Line(long number, String text, String problem) {
        boolean ok() {
            return problem == null;
        }
    }

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private final int maxLineBytes;
    private int position;
    private int limit;
    private long number;
    private boolean first = true;

    Lines(InputStream in) {
        this(in, MAX_LINE_BYTES);
    }

    Lines(InputStream in, int maxLineBytes) {
        this.in = in;
        this.maxLineBytes = maxLineBytes;
    }

    /** Returns the next line, or null at the end of the stream. */
    Line next() throws IOException {
        byte[] line = new byte[128];
        int length = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            int chunk = position - start;
            if (!tooLong) {
                if ((long) length + chunk > maxLineBytes) {
                    tooLong = true;
                } else {
                    if (length + chunk > line.length) {
                        line = Arrays.copyOf(line, Math.max(line.length * 2, length + chunk));
                    }
                    System.arraycopy(buffer, start, line, length, chunk);
                    length += chunk;
                }
            }
            if (position < limit) {
                position++; // the newline
                break;
            }
        }
        number++;
        if (tooLong) {
            first = false;
            return new Line(number, lossy(line, Math.min(length, 200)) + "...", "line longer than " + maxLineBytes + " bytes");
        }
        int offset = 0;
        if (first && length >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB && (line[2] & 0xFF) == 0xBF) {
            offset = 3;
        }
        first = false;
        if (length > offset && line[length - 1] == '\r') {
            length--;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line, offset, length - offset)).toString();
            return new Line(number, text, null);
        } catch (CharacterCodingException e) {
            return new Line(number, lossy(Arrays.copyOfRange(line, offset, length), length - offset), "not valid UTF-8");
        }
    }

    private static String lossy(byte[] bytes, int length) {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
