package io.github.loomfactory.cli;

import io.github.loomfactory.api.Material;
import io.github.loomfactory.flows.Packet;
import io.github.loomfactory.flows.capture.PcapReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;

/** Packet sources: a pcap file through {@link PcapReader}, and the demo's synthetic packets. */
final class Packets {
    /** The material type a blueprint needs for pcap input. */
    static final String TYPE_NAME = Packet.class.getName();

    private Packets() {
    }

    static boolean isPacketType(Class<?> type) {
        return type == Packet.class;
    }

    /**
     * Opens a pcap source for a blueprint whose material type is {@link Packet}.
     *
     * @throws UsageException if the stream is not a classic pcap file of a known link type
     */
    @SuppressWarnings("unchecked")
    static <M extends Material> Source<M> source(InputStream in, String name, Class<M> type, Rejects rejects) {
        if (!isPacketType(type)) {
            throw new IllegalArgumentException("pcap input decodes into " + TYPE_NAME + ", not " + type.getName());
        }
        PcapReader reader;
        try {
            reader = PcapReader.open(in, name, reject -> rejects.input(reject.source(), "record", reject.record(), reject.reason(), null));
        } catch (IOException e) {
            throw new UsageException(Json.oneLine(String.valueOf(e.getMessage())));
        }
        return (Source<M>) of(reader, reader);
    }

    /** A source of generated packets. */
    static Source<Packet> of(Iterable<Packet> packets) {
        return of(packets.iterator(), () -> { });
    }

    private static Source<Packet> of(Iterator<Packet> packets, AutoCloseable closing) {
        return new Source<>() {
            @Override
            public Packet next() {
                return packets.hasNext() ? packets.next() : null;
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
