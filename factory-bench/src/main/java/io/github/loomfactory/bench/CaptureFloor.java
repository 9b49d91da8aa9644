package io.github.loomfactory.bench;

import io.github.loomfactory.flows.Packet;
import io.github.loomfactory.flows.capture.Captures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The parse-only floor of benchmark F1: the capture reader alone, decoding every packet of a file
 * and nothing else. Prints one line, e.g.
 * {@code peer=reader workload=F1 packets=10000000 rejects=0 seconds=4.210 packets_per_s=2375296 checksum=...}.
 *
 * {@snippet lang = "sh" :
 * java --enable-preview -cp benchmarks.jar io.github.loomfactory.bench.CaptureFloor f1.pcap
 * }
 */
public final class CaptureFloor {
    private CaptureFloor() {
    }

    /**
     * Reads a capture and prints the floor's result line.
     *
     * @param args the capture file
     * @throws IOException if the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CaptureFloor CAPTURE");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        var rejects = new AtomicLong();
        long packets = 0;
        long checksum = 0;
        long start = System.nanoTime();
        try (var reader = Captures.open(file, reject -> rejects.incrementAndGet())) { // pcap or pcapng, by its magic number
            while (reader.hasNext()) {
                Packet packet = reader.next();
                packets++;
                checksum += packet.length() + packet.srcPort() + packet.pid().hashCode();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("peer=reader workload=F1 packets=%d rejects=%d seconds=%.3f packets_per_s=%.0f checksum=%d%n",
                packets, rejects.get(), seconds, packets / seconds, checksum);
    }
}
