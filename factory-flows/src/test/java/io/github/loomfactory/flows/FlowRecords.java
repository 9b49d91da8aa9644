package io.github.loomfactory.flows;

import java.time.Instant;

/** Flow records for tests about the columns that predate the statistics: the rest are zero. */
public final class FlowRecords {
    private FlowRecords() {
    }

    /**
     * Returns a record with the given columns, no Community ID ({@code "1:"}) and zero statistics.
     *
     * @return the record
     */
    public static FlowRecord of(String srcAddr, int srcPort, String dstAddr, int dstPort, String protocol,
            Instant firstSeen, Instant lastSeen, long packetsFwd, long bytesFwd, long packetsBwd, long bytesBwd,
            int tcpFlags, String endReason) {
        return new FlowRecord(srcAddr, srcPort, dstAddr, dstPort, protocol, 0, "1:", firstSeen, lastSeen, 0,
                packetsFwd, bytesFwd, packetsBwd, bytesBwd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, tcpFlags, endReason);
    }

    /**
     * Returns the columns of {@link #of} of a record, the rest set to what {@code of} gives them.
     *
     * @param record a record
     * @return the record with only those columns kept
     */
    public static FlowRecord core(FlowRecord record) {
        return of(record.src_addr(), record.src_port(), record.dst_addr(), record.dst_port(), record.protocol(),
                record.first_seen(), record.last_seen(), record.packets_fwd(), record.bytes_fwd(),
                record.packets_bwd(), record.bytes_bwd(), record.tcp_flags(), record.end_reason());
    }
}
