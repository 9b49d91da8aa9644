package io.github.loomfactory.flows.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Opens capture files of any format this module reads, telling the format by the file's first
 * bytes (its magic number), never by its name: classic pcap ({@link PcapReader}, either byte
 * order, µs or ns), pcapng ({@link PcapngReader}), and either of them compressed with gzip
 * (read through {@link GZIPInputStream}), as {@code tcpdump -w - | gzip} or
 * {@code dumpcap -w - | gzip} write them.
 *
 * {@snippet file="io/github/loomfactory/flows/capture/CapturesSnippetTest.java" region="captures"}
 */
public final class Captures {
    private static final int GZIP_MAGIC = 0x1F8B;
    private static final int BUFFER = 1 << 16;

    private Captures() {
    }

    /**
     * The formats {@link #open} tells apart.
     */
    public enum Format {
        /** Classic libpcap: magic {@code a1b2c3d4} (µs) or {@code a1b23c4d} (ns), either byte order. */
        PCAP,
        /** pcapng: a section header block, type {@code 0a0d0d0a}. */
        PCAPNG,
        /** gzip (magic {@code 1f8b}) of either of the above. */
        GZIP
    }

    /**
     * Tells the format of a capture by its first four bytes.
     *
     * @param magic the first four bytes, big-endian
     * @return the format, or empty if it is none of them
     */
    public static Optional<Format> format(int magic) {
        if (magic >>> 16 == GZIP_MAGIC) {
            return Optional.of(Format.GZIP);
        }
        if (PcapReader.isMagic(magic)) {
            return Optional.of(Format.PCAP);
        }
        if (magic == PcapngReader.SECTION_HEADER) {
            return Optional.of(Format.PCAPNG);
        }
        return Optional.empty();
    }

    /**
     * Opens a capture file.
     *
     * @param file the file
     * @param rejects receives each record that is not a readable IP packet, on the reading thread
     * @return a reader positioned before the first packet
     * @throws IOException if the file cannot be read or is not a capture this module reads
     */
    public static CaptureReader open(Path file, Consumer<PcapReject> rejects) throws IOException {
        return open(Files.newInputStream(file), file.toString(), rejects);
    }

    /**
     * Opens a capture stream (a file, the standard input, a pipe from {@code tcpdump -w -}).
     *
     * @param in the stream; the reader closes it (and closes it too if opening fails)
     * @param sourceName the name of the stream, for messages and rejects
     * @param rejects receives each record that is not a readable IP packet, on the reading thread
     * @return a reader positioned before the first packet
     * @throws IOException if the stream fails, or is not pcap, pcapng or gzip of one of them (the
     *     message says what it starts with)
     */
    public static CaptureReader open(InputStream in, String sourceName, Consumer<PcapReject> rejects) throws IOException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(rejects, "rejects");
        return FileCaptureReader.closingOnFailure(in, () -> {
            var peek = new PushbackInputStream(in, 4);
            Format format = sniff(peek, sourceName);
            if (format == Format.GZIP) {
                InputStream inflated;
                try {
                    inflated = new GZIPInputStream(peek, BUFFER);
                } catch (IOException e) {
                    throw new IOException(sourceName + ": not a readable gzip stream: " + e.getMessage(), e);
                }
                var peekInflated = new PushbackInputStream(inflated, 4);
                format = sniff(peekInflated, sourceName + " (gunzipped)");
                if (format == Format.GZIP) {
                    throw new IOException(sourceName + ": gzip inside gzip; decompress it once first");
                }
                return open(format, peekInflated, sourceName, rejects);
            }
            return open(format, peek, sourceName, rejects);
        });
    }

    private static CaptureReader open(Format format, InputStream in, String sourceName, Consumer<PcapReject> rejects)
            throws IOException {
        return format == Format.PCAP ? PcapReader.open(in, sourceName, rejects) : PcapngReader.open(in, sourceName, rejects);
    }

    private static Format sniff(PushbackInputStream in, String sourceName) throws IOException {
        byte[] head = in.readNBytes(4);
        in.unread(head);
        if (head.length < 4) {
            throw new IOException(sourceName + ": not a capture: it is " + head.length + " bytes long, shorter than any"
                    + " capture file header");
        }
        int magic = (head[0] & 0xFF) << 24 | (head[1] & 0xFF) << 16 | (head[2] & 0xFF) << 8 | head[3] & 0xFF;
        return format(magic).orElseThrow(() -> new IOException(sourceName + ": not a pcap, pcapng or gzip capture:"
                + " it starts with 0x" + String.format("%08x", magic)));
    }
}
