package io.github.loomfactory.flows.testing;

import io.github.loomfactory.flows.FlowRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What tshark saw in a committed capture of {@code factory-flows/captures}: its {@code .flows.csv}
 * (protocol, src_addr, src_port, dst_addr, dst_port, first_seen, packets_fwd, bytes_fwd,
 * packets_bwd, bytes_bwd, community_id, end_reason, tshark_stream), for tests that only need
 * totals of it.
 */
public final class ReferenceFlows {
    /** The directory of the committed captures, relative to the module (the tests' working directory). */
    public static final Path CAPTURES = Path.of("captures");

    private final List<String[]> rows;

    private ReferenceFlows(List<String[]> rows) {
        this.rows = rows;
    }

    /**
     * Reads the reference flows of a committed capture.
     *
     * @param capture the capture's file name, e.g. {@code loopback.pcap}
     * @return its reference flows
     */
    public static ReferenceFlows of(String capture) {
        try {
            List<String> lines = Files.readAllLines(CAPTURES.resolve(capture + ".flows.csv"));
            return new ReferenceFlows(lines.subList(1, lines.size()).stream().map(line -> line.split(",", -1)).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns how many packets the capture's flows hold, both directions. */
    public long packets() {
        return rows.stream().mapToLong(f -> Long.parseLong(f[6]) + Long.parseLong(f[8])).sum();
    }

    /** Returns how many bytes on the wire the capture's flows hold, both directions. */
    public long bytes() {
        return rows.stream().mapToLong(f -> Long.parseLong(f[7]) + Long.parseLong(f[9])).sum();
    }

    /** Returns how many packets {@code flows} hold, both directions: what {@link #packets()} is to compare with. */
    public static long packetsOf(Collection<FlowRecord> flows) {
        return flows.stream().mapToLong(f -> f.packets_fwd() + f.packets_bwd()).sum();
    }

    /** Returns the Community IDs of {@code flows}, sorted: what {@link #communityIds()} is to compare with. */
    public static Set<String> communityIdsOf(Collection<FlowRecord> flows) {
        var ids = new TreeSet<String>();
        flows.forEach(f -> ids.add(f.community_id()));
        return ids;
    }

    /** Returns the Community IDs of the capture's flows, sorted. */
    public Set<String> communityIds() {
        var ids = new TreeSet<String>();
        rows.forEach(f -> ids.add(f[10]));
        return ids;
    }
}
