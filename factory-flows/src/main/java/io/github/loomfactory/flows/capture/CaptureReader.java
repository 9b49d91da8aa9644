package io.github.loomfactory.flows.capture;

import io.github.loomfactory.flows.Packet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

/**
 * A source of decoded {@link Packet packets}: a capture file ({@link PcapReader},
 * {@link PcapngReader}) or a live interface ({@link LiveCapture}). Records that are not readable
 * IP packets go to the reader's reject handler as {@link PcapReject rejects}; the iterator only
 * ever returns packets.
 *
 * <p>{@link #hasNext()} may block (reading a stream, waiting for a live packet) and throws
 * {@link UncheckedIOException} when the input fails. Not thread-safe, except where a type says so:
 * iterate from one thread and close it to release the input.
 */
public sealed interface CaptureReader extends Iterator<Packet>, AutoCloseable
        permits PcapReader, PcapngReader, LiveCapture {

    /**
     * Returns how many packet records have been read so far, packets and rejects alike.
     *
     * @return the number of the last packet record read, 0 before the first
     */
    long records();

    /**
     * Closes the input; the reader has no more packets. Idempotent.
     *
     * @throws IOException if closing the input fails
     */
    @Override
    void close() throws IOException;
}
