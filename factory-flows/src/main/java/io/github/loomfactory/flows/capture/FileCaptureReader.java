package io.github.loomfactory.flows.capture;

import io.github.loomfactory.flows.Packet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import java.util.function.Consumer;

/**
 * What a reader of a capture file does whatever its format: iterate packets that it reads one
 * record (or block) at a time, count the records, hand bad ones to the reject handler and close
 * its stream. {@link PcapReader} and {@link PcapngReader} read the records; this class keeps the
 * iteration.
 *
 * <p>States: reading, then ended (end of file, broken framing, failed stream), then closed.
 */
abstract sealed class FileCaptureReader permits PcapReader, PcapngReader {
    final ByteInput input;
    final String source;
    final Consumer<PcapReject> rejects;
    final PacketDecoder decoder = new PacketDecoder();
    /** The number of the last packet record read, packets and rejects alike. */
    long record;
    boolean ended;
    private boolean closed;
    private Packet next;

    FileCaptureReader(InputStream in, String source, Consumer<PcapReject> rejects) {
        this.input = new ByteInput(in);
        this.source = source;
        this.rejects = rejects;
    }

    /** What a reader opens on a stream it owns; see {@link #closingOnFailure}. */
    @FunctionalInterface
    interface Opening<R> {
        R open() throws IOException;
    }

    /** Opens a reader on {@code in}, closing {@code in} if the opening fails, and rethrows the failure. */
    static <R> R closingOnFailure(InputStream in, Opening<R> opening) throws IOException {
        try {
            return opening.open();
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
     * Reads the next record or block: its packet, or null if it was no packet or was rejected, or
     * the file ended (then it sets {@link #ended}).
     */
    abstract Packet read() throws IOException;

    /**
     * Hands record {@code number} (counted from 1; a block before the first packet record counts
     * as record 1) to the reject handler with {@code reason}, and returns null: no packet.
     */
    final Packet reject(long number, String reason) {
        rejects.accept(new PcapReject(source, Math.max(1, number), reason));
        return null;
    }

    /** Says where reading failed, for the message of a failing stream: "reading record 7". */
    abstract String reading();

    /**
     * Returns how many packet records have been read so far, packets and rejects alike.
     *
     * @return the number of the last packet record read, 0 before the first
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
    public boolean hasNext() {
        while (next == null && !ended) {
            try {
                next = read();
            } catch (IOException e) {
                ended = true;
                throw new UncheckedIOException(source + ": " + reading() + " failed: " + e.getMessage(), e);
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
    public void close() throws IOException {
        ended = true;
        next = null;
        if (!closed) {
            closed = true;
            input.close();
        }
    }
}
