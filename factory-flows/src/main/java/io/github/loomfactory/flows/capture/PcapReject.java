package io.github.loomfactory.flows.capture;

import java.util.Objects;

/**
 * A packet record of a pcap file that the {@link PcapReader} could not turn into a packet, and why.
 *
 * @param source the name of the file (or stream) it came from
 * @param record the 1-based number of the packet record in the file
 * @param reason what was wrong with it, e.g. {@code "ethertype 0x0806 (ARP) is not IP"}
 */
public record PcapReject(String source, long record, String reason) {

    /**
     * Checks the reject.
     *
     * @throws NullPointerException if {@code source} or {@code reason} is null
     * @throws IllegalArgumentException if {@code record} is not positive
     */
    public PcapReject {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
        if (record < 1) {
            throw new IllegalArgumentException("record numbers start at 1: " + record);
        }
    }

    @Override
    public String toString() {
        return source + ": record " + record + ": " + reason;
    }
}
