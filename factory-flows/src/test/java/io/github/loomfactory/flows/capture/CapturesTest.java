package io.github.loomfactory.flows.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.flows.Packet;
import io.github.loomfactory.flows.Protocol;
import io.github.loomfactory.flows.testing.PcapFiles;
import io.github.loomfactory.flows.testing.PcapngFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapturesTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");
    private static final List<Packet> PACKETS = List.of(
            new Packet(T0, "192.0.2.1", 51000, "198.51.100.7", 443, Protocol.TCP, 74, Packet.SYN),
            new Packet(T0.plusMillis(1), "2001:db8::1", 53, "2001:db8::2", 40000, Protocol.UDP, 120, 0));

    private final List<PcapReject> rejects = new ArrayList<>();

    @Test
    void theFormatIsToldByTheMagicNumberWhateverTheName(@TempDir Path dir) throws IOException {
        Path pcapNamedPcapng = Files.write(dir.resolve("really-pcap.pcapng"), PcapFiles.pcap(PcapFiles.Format.ethernet(), PACKETS));
        Path pcapngNamedPcap = Files.write(dir.resolve("really-pcapng.pcap"), pcapng());
        try (var reader = Captures.open(pcapNamedPcapng, rejects::add)) {
            assertInstanceOf(PcapReader.class, reader);
            assertEquals(PACKETS, drain(reader));
        }
        try (var reader = Captures.open(pcapngNamedPcap, rejects::add)) {
            assertInstanceOf(PcapngReader.class, reader);
            assertEquals(PACKETS, drain(reader));
        }
        assertEquals(List.of(), rejects);
    }

    @Test
    void gzippedCapturesOfEitherFormatAreRead() throws IOException {
        for (byte[] file : List.of(PcapFiles.pcap(PcapFiles.Format.ethernet().order(ByteOrder.BIG_ENDIAN).nanos(true), PACKETS),
                pcapng())) {
            try (var reader = Captures.open(new ByteArrayInputStream(gzip(file)), "x.gz", rejects::add)) {
                assertEquals(PACKETS, drain(reader));
            }
        }
        assertEquals(List.of(), rejects);
    }

    @Test
    void aStreamReadInSmallPiecesGivesTheSamePackets() throws IOException {
        byte[] file = pcapng();
        InputStream trickle = new ByteArrayInputStream(file) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 3));
            }
        };
        assertEquals(PACKETS, drain(Captures.open(trickle, "stdin", rejects::add)));
    }

    @Test
    void somethingElseIsRefusedNamingWhatItStartsWithAndTheStreamIsClosed() {
        var closed = new AtomicBoolean();
        var text = new ByteArrayInputStream("{\"json\": 1}\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        var e = assertThrows(IOException.class, () -> Captures.open(text, "in.jsonl", rejects::add));
        assertEquals("in.jsonl: not a pcap, pcapng or gzip capture: it starts with 0x7b226a73", e.getMessage());
        assertTrue(closed.get());
        var empty = assertThrows(IOException.class, () -> Captures.open(new ByteArrayInputStream(new byte[2]), "e", rejects::add));
        assertEquals("e: not a capture: it is 2 bytes long, shorter than any capture file header", empty.getMessage());
    }

    @Test
    void aBrokenGzipStreamIsRefusedOrEndsWithAnUncheckedError() throws IOException {
        byte[] gz = gzip(pcapng());
        var headerOnly = Arrays.copyOf(gz, 4);
        assertThrows(IOException.class, () -> Captures.open(new ByteArrayInputStream(headerOnly), "cut.gz", rejects::add));
        byte[] cut = Arrays.copyOf(gz, gz.length - 30);
        try (var reader = Captures.open(new ByteArrayInputStream(cut), "cut.gz", rejects::add)) {
            var e = assertThrows(java.io.UncheckedIOException.class, () -> reader.forEachRemaining(packet -> { }));
            assertTrue(e.getMessage().startsWith("cut.gz: reading the block after record"), e.getMessage());
        }
    }

    @Test
    void formatsAreToldByTheirFirstFourBytes() {
        assertEquals(Optional.of(Captures.Format.PCAP), Captures.format(0xA1B2_C3D4));
        assertEquals(Optional.of(Captures.Format.PCAP), Captures.format(0x4D3C_B2A1));
        assertEquals(Optional.of(Captures.Format.PCAPNG), Captures.format(0x0A0D_0D0A));
        assertEquals(Optional.of(Captures.Format.GZIP), Captures.format(0x1F8B_0800));
        assertEquals(Optional.empty(), Captures.format(0x7B22_6A73));
    }

    private static byte[] pcapng() {
        return PcapngFiles.pcapng(ByteOrder.LITTLE_ENDIAN, PcapReader.LINKTYPE_ETHERNET, PcapngFiles.MICROS, PACKETS);
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static List<Packet> drain(CaptureReader reader) throws IOException {
        try (reader) {
            var packets = new ArrayList<Packet>();
            reader.forEachRemaining(packet -> packets.add(PcapFiles.asWritten(packet)));
            return packets;
        }
    }
}
