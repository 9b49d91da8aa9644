package io.github.loomfactory.flows;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Emitter;
import io.github.loomfactory.api.Retirement;
import java.time.Instant;

/**
 * The open flow of one worker of the {@link FlowsBlueprint}: the record being accumulated and, for
 * TCP, the state of its connection.
 *
 * <p>A record ends, in this order of precedence, when its closed TCP connection's linger has
 * passed (or a new SYN arrives), when its active timeout is reached, or when the worker retires.
 * The connection state outlives an active-timeout record (a FIN in one slice and the answering
 * FIN in the next still close it) and starts afresh with the record after a closed connection.
 *
 * <p>Not thread-safe: confined to its worker's thread.
 */
final class Flow implements Assembly<Packet, FlowRecord> {
    private final long activeNanos;
    private final long lingerNanos;
    private final CommunityId communityId;

    // the open record; packets == 0 means none is open
    private String srcAddr;
    private int srcPort;
    private String dstAddr;
    private int dstPort;
    private int dstKeyPort;
    private Protocol protocol;
    private int ipProtocol;
    private Instant firstSeen;
    private Instant lastSeen;
    private long firstNanos;
    private long lastNanos;
    private final DirectionStats fwd = new DirectionStats();
    private final DirectionStats bwd = new DirectionStats();
    private final long[] flagCounts = new long[8];
    private int tcpFlags;

    // the TCP connection: states OPEN -> CLOSED (FIN both ways or RST; ended != null) -> the next
    // record opens it again. FIN senders are told apart by the connection's first sender.
    private String connAddr;
    private int connPort;
    private boolean finFromFirst;
    private boolean finFromOther;
    private String ended;

    // the Community ID of the records starting from communityIdAddr and communityIdPort
    private String communityIdText;
    private String communityIdAddr;
    private int communityIdPort;
    private int communityIdProtocol;

    Flow(long activeNanos, long lingerNanos, CommunityId communityId) {
        this.activeNanos = activeNanos;
        this.lingerNanos = lingerNanos;
        this.communityId = communityId;
    }

    @Override
    public void accept(Packet packet, Emitter<FlowRecord> out) {
        long at = nanos(packet.timestamp());
        int keyPort = FlowKey.receiverPort(packet.protocol(), packet.srcAddr(), packet.srcPort(), packet.dstPort());
        boolean forward = true;
        if (open()) {
            forward = packet.srcPort() == srcPort && keyPort == dstKeyPort && packet.protocol() == protocol
                    && packet.srcAddr().equals(srcAddr) && packet.dstAddr().equals(dstAddr);
            if (!forward && !(packet.srcPort() == dstKeyPort && keyPort == srcPort && packet.protocol() == protocol
                    && packet.srcAddr().equals(dstAddr) && packet.dstAddr().equals(srcAddr))) {
                throw new IllegalArgumentException("packet " + packet + " is not part of flow "
                        + FlowKey.of(srcAddr, srcPort, dstAddr, dstPort, protocol));
            }
            if (ended != null && (since(lastNanos, at) >= lingerNanos
                    || (packet.tcpFlags() & (Packet.SYN | Packet.ACK)) == Packet.SYN)) {
                emit(ended, out);
                forward = true;
            } else if (expired(at)) {
                emit(FlowsBlueprint.END_ACTIVE, out);
                forward = true;
            }
        }
        if (!open()) {
            start(packet, at, keyPort);
        }
        (forward ? fwd : bwd).add(at, packet.length(), packet.payload());
        int flags = packet.tcpFlags();
        tcpFlags |= flags;
        for (int bit = 0; flags >>> bit != 0; bit++) {
            flagCounts[bit] += flags >>> bit & 1;
        }
        if (at < firstNanos) {
            firstNanos = at;
            firstSeen = packet.timestamp();
        }
        if (at > lastNanos) {
            lastNanos = at;
            lastSeen = packet.timestamp();
        }
        if (protocol == Protocol.TCP && ended == null) {
            connection(packet, flags);
        }
    }

    @Override
    public void inspect(Instant now, Emitter<FlowRecord> out) {
        if (!open()) {
            return;
        }
        long at = nanos(now);
        if (ended != null && since(lastNanos, at) >= lingerNanos) {
            emit(ended, out);
        } else if (expired(at)) {
            emit(FlowsBlueprint.END_ACTIVE, out);
        }
    }

    @Override
    public void retire(Retirement reason, Emitter<FlowRecord> out) {
        if (open()) {
            emit(ended != null ? ended : switch (reason) {
                case IDLE -> FlowsBlueprint.END_IDLE;
                // OVERDUE: the engine ended the flow early so that its source's offsets could be committed
                case EARLY, OVERDUE -> FlowsBlueprint.END_EARLY;
                case DRAIN -> FlowsBlueprint.END_DRAIN;
            }, out);
        }
    }

    /** Follows the TCP connection's FINs and RSTs to its close. */
    private void connection(Packet packet, int flags) {
        if (connAddr == null) {
            connAddr = packet.srcAddr();
            connPort = packet.srcPort();
        }
        if ((flags & Packet.RST) != 0) {
            ended = FlowsBlueprint.END_RST;
        } else if ((flags & Packet.FIN) != 0) {
            if (packet.srcPort() == connPort && packet.srcAddr().equals(connAddr)) {
                finFromFirst = true;
            } else {
                finFromOther = true;
            }
            if (finFromFirst && finFromOther) {
                ended = FlowsBlueprint.END_FIN;
            }
        }
    }

    /** Whether a flow seen at {@code at} has reached the active timeout; never if it is ~292 years or more. */
    private boolean expired(long at) {
        return activeNanos != Long.MAX_VALUE && since(firstNanos, at) >= activeNanos;
    }

    private boolean open() {
        return fwd.packets + bwd.packets > 0;
    }

    private void start(Packet packet, long at, int keyPort) {
        srcAddr = packet.srcAddr();
        srcPort = packet.srcPort();
        dstAddr = packet.dstAddr();
        dstPort = packet.dstPort();
        dstKeyPort = keyPort;
        protocol = packet.protocol();
        ipProtocol = packet.ipProtocol();
        firstSeen = packet.timestamp();
        lastSeen = firstSeen;
        firstNanos = at;
        lastNanos = at;
        if (ended != null) {
            ended = null;
            connAddr = null;
            finFromFirst = false;
            finFromOther = false;
        }
    }

    private void emit(String endReason, Emitter<FlowRecord> out) {
        var record = new FlowRecord(srcAddr, srcPort, dstAddr, dstPort, protocol.pclass(), ipProtocol, communityId(),
                firstSeen, lastSeen, since(firstNanos, lastNanos) / 1e9,
                fwd.packets, fwd.bytes, bwd.packets, bwd.bytes, fwd.payload, bwd.payload,
                fwd.lengthMin(), fwd.lengthMean(), fwd.lengthMax(), fwd.lengthStd(),
                bwd.lengthMin(), bwd.lengthMean(), bwd.lengthMax(), bwd.lengthStd(),
                fwd.gapMin(), fwd.gapMean(), fwd.gapMax(), fwd.gapStd(),
                bwd.gapMin(), bwd.gapMean(), bwd.gapMax(), bwd.gapStd(),
                flagCounts[1], flagCounts[0], flagCounts[2], flagCounts[3], flagCounts[4], flagCounts[5],
                flagCounts[6], flagCounts[7], tcpFlags, endReason);
        fwd.clear();
        bwd.clear();
        java.util.Arrays.fill(flagCounts, 0);
        tcpFlags = 0;
        out.emit(record);
    }

    /** The Community ID of the open record, made once for each source the worker's records start from. */
    private String communityId() {
        if (communityIdText == null || communityIdPort != srcPort || communityIdProtocol != ipProtocol
                || !communityIdAddr.equals(srcAddr)) {
            communityIdText = communityIdOrNone();
            communityIdAddr = srcAddr;
            communityIdPort = srcPort;
            communityIdProtocol = ipProtocol;
        }
        return communityIdText;
    }

    /**
     * The Community ID of the open record, or the empty string when its addresses are not IP
     * literals of one family (which packets from text sources may carry): no ID is better than a
     * failed flow.
     */
    private String communityIdOrNone() {
        try {
            return communityId.of(srcAddr, dstAddr, ipProtocol, srcPort, dstPort);
        } catch (IllegalArgumentException notIp) {
            return "";
        }
    }

    /** Nanoseconds since the epoch, saturated beyond the years 1677 to 2262. */
    static long nanos(Instant at) {
        long seconds = at.getEpochSecond();
        if (seconds >= Long.MAX_VALUE / 1_000_000_000L) {
            return Long.MAX_VALUE;
        }
        if (seconds <= Long.MIN_VALUE / 1_000_000_000L) {
            return Long.MIN_VALUE;
        }
        return seconds * 1_000_000_000L + at.getNano();
    }

    /** {@code to - from}, saturated. */
    static long since(long from, long to) {
        long difference = to - from;
        if (((to ^ from) & (to ^ difference)) < 0) {
            return to > from ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return difference;
    }
}
