package io.github.loomfactory.flows;

import io.github.loomfactory.api.Product;
import java.time.Instant;
import java.util.Objects;

/**
 * One bidirectional flow, or one active-timeout slice of a long flow: the product of the
 * {@code flows} blueprint.
 *
 * <p>The component names are the column names of the JSON and CSV outputs, hence the snake case;
 * factory-flows/README.md documents each in one table. The flow's source is the endpoint that
 * sent its first packet; "forward" ({@code _fwd}) is what the source sent, "backward"
 * ({@code _bwd}) what it received. Byte counts and packet lengths are the frames' original
 * lengths on the wire; times are in seconds. Statistics of a direction without packets are 0, as
 * are inter-arrival times of a direction with fewer than two packets; standard deviations are of
 * the sample (divided by n - 1), 0 below two values.
 *
 * @param src_addr the address of the endpoint that sent the first packet
 * @param src_port its port; for ICMP the first packet's type
 * @param dst_addr the other endpoint's address
 * @param dst_port its port; for ICMP the first packet's code
 * @param protocol "tcp", "udp", "icmp" or "other"; also the {@linkplain #pclass() pclass}
 * @param ip_protocol the IP protocol number (6, 17, 1, 58, ...)
 * @param community_id the flow's Community ID (v1, base64), e.g. {@code 1:wCb3OG7yAFWelaUydu0D+125CLM=};
 *     empty if the addresses are not IP literals of one family (possible from text sources)
 * @param first_seen the earliest packet timestamp of the flow
 * @param last_seen the latest packet timestamp of the flow
 * @param duration {@code last_seen - first_seen} in seconds
 * @param packets_fwd packets sent by the source
 * @param bytes_fwd bytes sent by the source
 * @param packets_bwd packets sent to the source
 * @param bytes_bwd bytes sent to the source
 * @param payload_bytes_fwd transport payload bytes sent by the source
 * @param payload_bytes_bwd transport payload bytes sent to the source
 * @param pkt_len_min_fwd the shortest packet sent by the source
 * @param pkt_len_mean_fwd the mean length of the packets sent by the source
 * @param pkt_len_max_fwd the longest packet sent by the source
 * @param pkt_len_std_fwd the standard deviation of the lengths of the packets sent by the source
 * @param pkt_len_min_bwd the shortest packet sent to the source
 * @param pkt_len_mean_bwd the mean length of the packets sent to the source
 * @param pkt_len_max_bwd the longest packet sent to the source
 * @param pkt_len_std_bwd the standard deviation of the lengths of the packets sent to the source
 * @param iat_min_fwd the shortest time between two consecutive packets sent by the source
 * @param iat_mean_fwd the mean time between consecutive packets sent by the source
 * @param iat_max_fwd the longest time between two consecutive packets sent by the source
 * @param iat_std_fwd the standard deviation of the times between packets sent by the source
 * @param iat_min_bwd the shortest time between two consecutive packets sent to the source
 * @param iat_mean_bwd the mean time between consecutive packets sent to the source
 * @param iat_max_bwd the longest time between two consecutive packets sent to the source
 * @param iat_std_bwd the standard deviation of the times between packets sent to the source
 * @param syn_count packets with SYN, both directions
 * @param fin_count packets with FIN, both directions
 * @param rst_count packets with RST, both directions
 * @param psh_count packets with PSH, both directions
 * @param ack_count packets with ACK, both directions
 * @param urg_count packets with URG, both directions
 * @param ece_count packets with ECE, both directions
 * @param cwr_count packets with CWR, both directions
 * @param tcp_flags the OR of the TCP flags of every packet (0 for non-TCP flows)
 * @param end_reason why the record was emitted: {@value FlowsBlueprint#END_FIN} (the TCP
 *     connection closed with FIN both ways), {@value FlowsBlueprint#END_RST} (it was reset),
 *     {@value FlowsBlueprint#END_IDLE} (no packet for the factory's contract),
 *     {@value FlowsBlueprint#END_EARLY} (retired early to make room in the roster),
 *     {@value FlowsBlueprint#END_ACTIVE} (active timeout reached; the flow goes on in a new
 *     record) or {@value FlowsBlueprint#END_DRAIN} (the factory closed)
 */
public record FlowRecord(String src_addr, int src_port, String dst_addr, int dst_port, String protocol,
        int ip_protocol, String community_id, Instant first_seen, Instant last_seen, double duration,
        long packets_fwd, long bytes_fwd, long packets_bwd, long bytes_bwd, long payload_bytes_fwd,
        long payload_bytes_bwd,
        int pkt_len_min_fwd, double pkt_len_mean_fwd, int pkt_len_max_fwd, double pkt_len_std_fwd,
        int pkt_len_min_bwd, double pkt_len_mean_bwd, int pkt_len_max_bwd, double pkt_len_std_bwd,
        double iat_min_fwd, double iat_mean_fwd, double iat_max_fwd, double iat_std_fwd,
        double iat_min_bwd, double iat_mean_bwd, double iat_max_bwd, double iat_std_bwd,
        long syn_count, long fin_count, long rst_count, long psh_count, long ack_count, long urg_count,
        long ece_count, long cwr_count, int tcp_flags, String end_reason) implements Product {

    /**
     * Checks that the record is complete.
     *
     * @throws NullPointerException if an address, the protocol, the community ID, a time or the
     *     end reason is null
     * @throws IllegalArgumentException if a count is negative or {@code last_seen} is before
     *     {@code first_seen}
     */
    public FlowRecord {
        Objects.requireNonNull(src_addr, "src_addr");
        Objects.requireNonNull(dst_addr, "dst_addr");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(community_id, "community_id");
        Objects.requireNonNull(first_seen, "first_seen");
        Objects.requireNonNull(last_seen, "last_seen");
        Objects.requireNonNull(end_reason, "end_reason");
        if ((packets_fwd | bytes_fwd | packets_bwd | bytes_bwd | payload_bytes_fwd | payload_bytes_bwd) < 0) {
            throw new IllegalArgumentException("flow counts must not be negative: packets_fwd " + packets_fwd
                    + ", bytes_fwd " + bytes_fwd + ", packets_bwd " + packets_bwd + ", bytes_bwd " + bytes_bwd
                    + ", payload_bytes_fwd " + payload_bytes_fwd + ", payload_bytes_bwd " + payload_bytes_bwd);
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
