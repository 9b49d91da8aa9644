package io.github.loomfactory.flows.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.flows.Packet;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Malformed captures never crash a run nor end it early where the rest can be read: real captures
 * (made on loopback, see {@link RealCapturesTest}), as pcap and as pcapng, cut short, with
 * flipped bytes, and with absurd record and block lengths. Each bad record is a reject naming the
 * file, its record number and a reason.
 */
class MalformedCaptureProperties {
    private static final List<String> FILES = List.of("loopback.pcap", "loopback.pcapng", "two-interfaces.pcapng");
    private static final List<Real> REALS = FILES.stream().map(Real::load).toList();

    /** One real capture: its bytes, its packets and where each packet record lies in it. */
    record Real(String name, byte[] bytes, List<Packet> packets, List<Span> spans) {
        static Real load(String name) {
            try (InputStream in = Objects.requireNonNull(MalformedCaptureProperties.class.getResourceAsStream("/captures/reader/" + name))) {
                byte[] bytes = in.readAllBytes();
                var packets = new ArrayList<Packet>();
                try (var reader = Captures.open(new ByteArrayInputStream(bytes), name, reject -> {
                    throw new AssertionError("the real capture has a reject: " + reject);
                })) {
                    reader.forEachRemaining(packets::add);
                }
                var spans = name.endsWith(".pcapng") ? Span.ofPcapng(bytes) : Span.ofPcap(bytes);
                assertEquals(packets.size(), spans.size(), name);
                return new Real(name, bytes, List.copyOf(packets), spans);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Where one packet record lies: from {@code start} to {@code end}, its length field at
     * {@code lengthAt}, its frame from {@code dataStart} to {@code dataEnd}.
     */
    record Span(int start, int end, int lengthAt, int dataStart, int dataEnd) {
        static List<Span> ofPcap(byte[] file) {
            var in = ByteBuffer.wrap(file).order(file[0] == (byte) 0xA1 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            var spans = new ArrayList<Span>();
            for (int at = 24; at < file.length; ) {
                int captured = in.getInt(at + 8);
                spans.add(new Span(at, at + 16 + captured, at + 8, at + 16, at + 16 + captured));
                at += 16 + captured;
            }
            return spans;
        }

        static List<Span> ofPcapng(byte[] file) {
            var in = ByteBuffer.wrap(file);
            var spans = new ArrayList<Span>();
            for (int at = 0; at < file.length; ) {
                if (in.getInt(at) == 0x0A0D_0D0A) { // a palindrome: the same in either order
                    in.order(ByteOrder.BIG_ENDIAN);
                    in.order(in.getInt(at + 8) == 0x1A2B_3C4D ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                }
                int type = in.getInt(at);
                int length = in.getInt(at + 4);
                if (type == 6) {
                    int captured = in.getInt(at + 20);
                    spans.add(new Span(at, at + length, at + 4, at + 28, at + 28 + captured));
                }
                at += length;
            }
            return spans;
        }
    }

    /** What reading a (damaged) capture gave. */
    record Read(List<Packet> packets, List<PcapReject> rejects, long records) {
    }

    @Property(tries = 200)
    void flippedBytesInsideOneFrameCostAtMostThatPacket(@ForAll("reals") Real real, @ForAll @IntRange(min = 0) int which,
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0) Integer> offsets, @ForAll @Size(min = 8, max = 8) List<Byte> values)
            throws IOException {
        int index = which % real.spans().size();
        Span span = real.spans().get(index);
        byte[] file = real.bytes().clone();
        for (int i = 0; i < offsets.size(); i++) {
            int at = span.dataStart() + offsets.get(i) % (span.dataEnd() - span.dataStart());
            file[at] ^= (byte) (values.get(i) | 1);
        }
        Read read = read(real.name(), file);
        var others = new ArrayList<>(real.packets());
        others.remove(index);
        var readOthers = new ArrayList<>(read.packets());
        if (readOthers.size() == real.packets().size()) {
            readOthers.remove(index);
            assertEquals(List.of(), read.rejects());
        } else {
            assertEquals(List.of(new PcapReject(real.name(), index + 1, read.rejects().getFirst().reason())), read.rejects(),
                    "the one damaged record, and only it, is rejected");
        }
        assertEquals(others, readOthers, "every other packet is read unchanged");
        assertEquals(real.packets().size(), read.records(), "reading went on to the end");
    }

    @Property(tries = 200)
    void aCutCaptureGivesEveryWholeRecordBeforeTheCutAndAtMostOneReject(@ForAll("reals") Real real,
            @ForAll @IntRange(min = 0) int cutAt) {
        int length = cutAt % (real.bytes().length + 1);
        byte[] file = Arrays.copyOf(real.bytes(), length);
        Read read;
        try {
            read = read(real.name(), file);
        } catch (IOException refused) {
            assertTrue(length < 28, "only a cut inside the file header refuses the file: " + refused.getMessage());
            return;
        }
        long whole = real.spans().stream().filter(span -> span.end() <= length).count();
        assertEquals(real.packets().subList(0, (int) whole), read.packets());
        assertTrue(read.rejects().size() <= 1, read.rejects().toString());
        read.rejects().forEach(reject -> assertTrue(reject.reason().contains("truncated"), reject.toString()));
    }

    @Property(tries = 200)
    void anAbsurdLengthKeepsEveryPacketBeforeItAndNeverCrashes(@ForAll("reals") Real real, @ForAll @IntRange(min = 0) int which,
            @ForAll("absurdLengths") int value) throws IOException {
        int index = which % real.spans().size();
        Span span = real.spans().get(index);
        byte[] file = real.bytes().clone();
        ByteBuffer.wrap(file).order(orderAt(real, file)).putInt(span.lengthAt(), value);
        Read read = read(real.name(), file);
        assertEquals(real.packets().subList(0, index), read.packets().subList(0, Math.min(index, read.packets().size())));
        assertTrue(read.packets().size() >= index, "the packets before the damage are all read: " + read);
    }

    @Property(tries = 300)
    void anyDamageAnywhereGivesPacketsAndNamedRejectsButNeverACrash(@ForAll("reals") Real real,
            @ForAll @Size(max = 12) List<@IntRange(min = 0) Integer> offsets, @ForAll @Size(min = 12, max = 12) List<Byte> values,
            @ForAll @IntRange(min = 0, max = 200) int cut) {
        byte[] file = real.bytes().clone();
        for (int i = 0; i < offsets.size(); i++) {
            file[offsets.get(i) % file.length] = values.get(i);
        }
        file = Arrays.copyOf(file, Math.max(0, file.length - cut));
        Read read;
        try {
            read = read(real.name(), file);
        } catch (IOException refused) {
            assertTrue(refused.getMessage().startsWith(real.name() + ": ") && !refused.getMessage().contains("\n"), refused.getMessage());
            return;
        }
        assertTrue(read.packets().size() <= read.records(), read.toString());
        assertTrue(read.records() - read.packets().size() <= read.rejects().size(),
                "every record that is not a packet is a reject: " + read);
        for (PcapReject reject : read.rejects()) {
            assertEquals(real.name(), reject.source());
            assertTrue(reject.record() >= 1 && reject.record() <= read.records() + 1, reject.toString());
            assertTrue(!reject.reason().isBlank() && !reject.reason().contains("\n"), reject.toString());
        }
    }

    private static ByteOrder orderAt(Real real, byte[] file) {
        if (real.name().endsWith(".pcapng")) {
            return ByteBuffer.wrap(file).getInt(8) == 0x1A2B_3C4D ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        }
        return file[0] == (byte) 0xA1 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    }

    /** Reads a capture to its end; the iteration must not throw. */
    private static Read read(String name, byte[] file) throws IOException {
        var rejects = new ArrayList<PcapReject>();
        try (var reader = Captures.open(new ByteArrayInputStream(file), name, rejects::add)) {
            var packets = new ArrayList<Packet>();
            reader.forEachRemaining(packets::add);
            return new Read(packets, rejects, reader.records());
        }
    }

    @Provide
    Arbitrary<Real> reals() {
        return Arbitraries.of(REALS);
    }

    @Provide
    Arbitrary<Integer> absurdLengths() {
        return Arbitraries.oneOf(Arbitraries.of(0, 1, 3, 11, 12, 13, 0x7FFF_FFFF, -1, Integer.MIN_VALUE, 64 << 20, (64 << 20) + 4),
                Arbitraries.integers());
    }
}
