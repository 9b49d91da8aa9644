package io.github.loomfactory.cli;

import io.github.loomfactory.api.Material;
import io.github.loomfactory.flows.Packet;
import io.github.loomfactory.flows.capture.CaptureReader;
import io.github.loomfactory.flows.capture.Captures;
import io.github.loomfactory.flows.capture.LiveCapture;
import io.github.loomfactory.flows.capture.PcapReject;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Packet sources: a capture (pcap, pcapng, gzipped, told by its magic number) through
 * {@link Captures}, a live interface through {@link LiveCapture}, and the demo's synthetic packets.
 */
final class Packets {
    /** The material type a blueprint needs for capture input. */
    static final String TYPE_NAME = Packet.class.getName();

    private Packets() {
    }

    static boolean isPacketType(Class<?> type) {
        return type == Packet.class;
    }

    /**
     * Opens a capture source for a blueprint whose material type is {@link Packet}.
     *
     * @throws UsageException if the stream is not a capture of a known format and link type
     */
    static <M extends Material> Source<M> source(InputStream in, String name, Class<M> type, Rejects rejects) {
        requirePackets(type, "capture input");
        CaptureReader reader;
        try {
            reader = Captures.open(in, name, toRejects(rejects));
        } catch (IOException e) {
            throw new UsageException(Json.oneLine(String.valueOf(e.getMessage())));
        }
        return cast(of(reader, reader, () -> { }));
    }

    /**
     * Opens a live capture on {@code device} for a blueprint whose material type is {@link Packet}.
     * At its end the source reports on {@code err} how many packets the capture lost.
     *
     * @throws UsageException if libpcap, the interface, the permission or the filter is missing
     */
    static <M extends Material> Source<M> live(String device, String filter, Class<M> type, Rejects rejects, PrintStream err) {
        requirePackets(type, "--interface");
        LiveCapture capture;
        try {
            capture = LiveCapture.open(device, filter, toRejects(rejects));
        } catch (IOException e) {
            throw new UsageException(Json.oneLine(String.valueOf(e.getMessage())));
        }
        err.println("factory: capturing on " + device + (filter.isBlank() ? "" : " (filter '" + filter + "')")
                + "; Ctrl-C ends the capture and drains the flows");
        AutoCloseable closing = () -> {
            capture.close();
            err.println(String.format(Locale.ROOT, "factory: live capture on %s: %,d frames received, %,d dropped", device,
                    capture.records(), capture.dropped()));
        };
        return cast(of(capture, closing, capture::stop));
    }

    /** A source of generated packets. */
    static Source<Packet> of(Iterable<Packet> packets) {
        return of(packets.iterator(), () -> { }, () -> { });
    }

    private static void requirePackets(Class<?> type, String input) {
        if (!isPacketType(type)) {
            throw new IllegalArgumentException(input + " decodes into " + TYPE_NAME + ", not " + type.getName());
        }
    }

    private static Consumer<PcapReject> toRejects(Rejects rejects) {
        return reject -> rejects.input(reject.source(), "record", reject.record(), reject.reason(), null);
    }

    @SuppressWarnings("unchecked") // requirePackets checked that M is Packet
    private static <M extends Material> Source<M> cast(Source<Packet> source) {
        return (Source<M>) source;
    }

    private static Source<Packet> of(Iterator<Packet> packets, AutoCloseable closing, Runnable stopping) {
        return new Source<>() {
            @Override
            public Packet next() {
                return packets.hasNext() ? packets.next() : null;
            }

            @Override
            public void stop() {
                stopping.run();
            }

            @Override
            public void close() throws IOException {
                try {
                    closing.close();
                } catch (IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IOException(e);
                }
            }
        };
    }
}
