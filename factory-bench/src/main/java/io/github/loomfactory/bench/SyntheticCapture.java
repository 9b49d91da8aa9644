package io.github.loomfactory.bench;

import io.github.loomfactory.flows.Packet;
import io.github.loomfactory.flows.Protocol;
import io.github.loomfactory.flows.SyntheticPackets;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes a large capture file for benchmark F1: {@link SyntheticPackets} as Ethernet frames with
 * IPv4 and TCP, UDP or ICMP headers, in classic pcap or in pcapng, with a snapshot length of 96
 * bytes (the headers; the original lengths run to 1514), so that 10 million packets make a file
 * of about a gigabyte. Packets are 5 µs apart on average; 100,000 conversations by default.
 *
 * {@snippet lang = "sh" :
 * java -cp benchmarks.jar io.github.loomfactory.bench.SyntheticCapture --packets 10000000 --format pcapng --out f1.pcapng
 * }
 */
public final class SyntheticCapture {
    static final int SNAP_LENGTH = 96;
    /** The mean gap between packets: 5 µs, a link busy with 200,000 packets/s (10 M packets span 50 s). */
    static final long MEAN_GAP_NANOS = 5_000;

    private final OutputStream out;
    private final boolean pcapng;
    private final ByteBuffer record = ByteBuffer.allocate(64 + SNAP_LENGTH).order(ByteOrder.LITTLE_ENDIAN);

    private SyntheticCapture(OutputStream out, boolean pcapng) throws IOException {
        this.out = out;
        this.pcapng = pcapng;
        var header = ByteBuffer.allocate(48).order(ByteOrder.LITTLE_ENDIAN);
        if (pcapng) {
            header.putInt(0x0A0D_0D0A).putInt(28).putInt(0x1A2B_3C4D).putShort((short) 1).putShort((short) 0)
                    .putLong(-1).putInt(28);
            header.putInt(1).putInt(20).putShort((short) 1).putShort((short) 0).putInt(SNAP_LENGTH).putInt(20);
        } else {
            header.putInt(0xA1B2_C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                    .putInt(SNAP_LENGTH).putInt(1);
        }
        out.write(header.array(), 0, header.position());
    }

    /**
     * Writes a capture.
     *
     * @param args {@code --packets N --format pcap|pcapng --out FILE [--conversations N] [--seed N]}
     * @throws IOException if the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        long packets = 10_000_000;
        String format = "pcap";
        Path file = null;
        int conversations = 100_000;
        long seed = 42;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--packets" -> packets = Long.parseLong(args[i + 1]);
                case "--format" -> format = args[i + 1];
                case "--out" -> file = Path.of(args[i + 1]);
                case "--conversations" -> conversations = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (file == null || !format.equals("pcap") && !format.equals("pcapng")) {
            System.err.println("usage: SyntheticCapture --packets N --format pcap|pcapng --out FILE"
                    + " [--conversations N] [--seed N]");
            System.exit(2);
        }
        var source = SyntheticPackets.builder().seed(seed).hosts(Math.max(100, conversations / 10))
                .conversations(conversations).meanGap(Duration.ofNanos(MEAN_GAP_NANOS)).limit(packets).build();
        long written = 0;
        try (var out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            var capture = new SyntheticCapture(out, format.equals("pcapng"));
            for (Packet packet : source) {
                capture.write(packet);
                written++;
            }
        }
        System.out.println("wrote " + written + " packets to " + file + " (" + Files.size(file) + " bytes, " + format + ")");
    }

    private void write(Packet packet) throws IOException {
        int original = Math.max(packet.length(), 60);
        int captured = Math.min(original, SNAP_LENGTH);
        Instant at = packet.timestamp();
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1000;
        record.clear();
        if (pcapng) {
            int padded = (captured + 3) & ~3;
            int length = 32 + padded;
            record.putInt(6).putInt(length).putInt(0).putInt((int) (micros >>> 32)).putInt((int) micros)
                    .putInt(captured).putInt(original);
            frame(packet, original, captured);
            while (record.position() < 28 + padded) {
                record.put((byte) 0);
            }
            record.putInt(length);
        } else {
            record.putInt((int) at.getEpochSecond()).putInt(at.getNano() / 1000).putInt(captured).putInt(original);
            frame(packet, original, captured);
        }
        out.write(record.array(), 0, record.position());
    }

    /** Puts the first {@code captured} bytes of the packet's frame: Ethernet, IPv4, then TCP, UDP or ICMP. */
    private void frame(Packet packet, int original, int captured) {
        int start = record.position();
        record.order(ByteOrder.BIG_ENDIAN);
        record.putLong(0x0000_0000_0002_0000L).putInt(0x0000_0001).putShort((short) 0x0800); // MACs, IPv4
        int protocol = switch (packet.protocol()) {
            case TCP -> 6;
            case UDP -> 17;
            case ICMP -> 1;
            case OTHER -> 47;
        };
        record.put((byte) 0x45).put((byte) 0).putShort((short) (original - 14)).putInt(0)
                .put((byte) 64).put((byte) protocol).putShort((short) 0)
                .putInt(ipv4(packet.srcAddr())).putInt(ipv4(packet.dstAddr()));
        if (packet.protocol() == Protocol.TCP) {
            record.putShort((short) packet.srcPort()).putShort((short) packet.dstPort()).putInt(1).putInt(1)
                    .put((byte) 0x50).put((byte) packet.tcpFlags()).putShort((short) 65535).putInt(0);
        } else if (packet.protocol() == Protocol.UDP) {
            record.putShort((short) packet.srcPort()).putShort((short) packet.dstPort())
                    .putShort((short) (original - 34)).putShort((short) 0);
        } else {
            record.put((byte) packet.srcPort()).put((byte) packet.dstPort()).putShort((short) 0).putInt(0);
        }
        while (record.position() - start < captured) {
            record.put((byte) 0);
        }
        record.position(start + captured);
        record.order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int ipv4(String text) {
        int value = 0;
        int part = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                value = value << 8 | part;
                part = 0;
            } else {
                part = part * 10 + (c - '0');
            }
        }
        return value << 8 | part;
    }
}
