package io.github.loomfactory.flows;

import io.github.loomfactory.api.Product;
import java.time.Instant;
import java.util.Objects;

/**
 * One bidirectional flow, or one active-timeout slice of a long flow: the product of the
 * {@code flows} blueprint.
 *
 * <p>The component names are the column names of the JSON and CSV outputs, hence the snake case.
 * The flow's source is the endpoint that sent its first packet; "forward" counts what the source
 * sent, "backward" what it received. Byte counts add up the frames' original lengths.
 *
 * @param src_addr the address of the endpoint that sent the first packet
 * @param src_port its port (0 for ICMP and other protocols)
 * @param dst_addr the other endpoint's address
 * @param dst_port its port
 * @param protocol "tcp", "udp", "icmp" or "other"; also the {@linkplain #pclass() pclass}
 * @param first_seen the earliest packet timestamp of the flow
 * @param last_seen the latest packet timestamp of the flow
 * @param packets_fwd packets sent by the source
 * @param bytes_fwd bytes sent by the source
 * @param packets_bwd packets sent to the source
 * @param bytes_bwd bytes sent to the source
 * @param tcp_flags the OR of the TCP flags of every packet (0 for non-TCP flows)
 * @param end_reason why the record was emitted: {@value FlowsBlueprint#END_IDLE} (no packet for the
 *     factory's contract), {@value FlowsBlueprint#END_EARLY} (retired early to make room in the
 *     roster), {@value FlowsBlueprint#END_ACTIVE} (active timeout reached; the flow goes on in a new
 *     record) or {@value FlowsBlueprint#END_DRAIN} (the factory closed)
 */
public record FlowRecord(String src_addr, int src_port, String dst_addr, int dst_port, String protocol,
        Instant first_seen, Instant last_seen, long packets_fwd, long bytes_fwd, long packets_bwd,
        long bytes_bwd, int tcp_flags, String end_reason) implements Product {

    /**
     * Checks that the record is complete.
     *
     * @throws NullPointerException if an address, the protocol, a time or the end reason is null
     * @throws IllegalArgumentException if a count is negative or {@code last_seen} is before
     *     {@code first_seen}
     */
    public FlowRecord {
        Objects.requireNonNull(src_addr, "src_addr");
        Objects.requireNonNull(dst_addr, "dst_addr");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(first_seen, "first_seen");
        Objects.requireNonNull(last_seen, "last_seen");
        Objects.requireNonNull(end_reason, "end_reason");
        if ((packets_fwd | bytes_fwd | packets_bwd | bytes_bwd) < 0) {
            throw new IllegalArgumentException("flow counts must not be negative: packets_fwd " + packets_fwd
                    + ", bytes_fwd " + bytes_fwd + ", packets_bwd " + packets_bwd + ", bytes_bwd " + bytes_bwd);
        }
        if (last_seen.isBefore(first_seen)) {
            throw new IllegalArgumentException("last_seen " + last_seen + " is before first_seen " + first_seen);
        }
    }

    /**
     * Returns the flow's protocol name, so that each protocol's flows go to their own bay.
     *
     * @return "tcp", "udp", "icmp" or "other"
     */
    @Override
    public String pclass() {
        return protocol;
    }
}
