package io.github.loomfactory.flows;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Emitter;
import io.github.loomfactory.api.Retirement;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The built-in {@code flows} blueprint: assembles {@link Packet packets} into bidirectional
 * {@link FlowRecord flow records}, the original program's real use.
 *
 * <p>Each worker serves one {@link FlowKey} (both directions of one conversation) and accumulates
 * one flow. The flow is emitted
 * <ul>
 * <li>when its worker retires: {@code end_reason} {@value #END_IDLE} for
 *     {@link Retirement#IDLE} (no packet for the factory's contract, the classic idle timeout),
 *     {@value #END_EARLY} for {@link Retirement#EARLY} (the roster was full) and
 *     {@value #END_DRAIN} for {@link Retirement#DRAIN} (the factory closed);</li>
 * <li>when it has been active for the active timeout, {@code end_reason} {@value #END_ACTIVE}:
 *     an {@linkplain Assembly#inspect inspection} at {@code now >= first_seen + activeTimeout}
 *     emits it, and so does a packet stamped at or after that point, before the packet starts
 *     the next record. Either way a record holds exactly the flow's packets stamped before
 *     {@code first_seen + activeTimeout}, so a replayed capture gives records of the same
 *     contents however often inspections run. The next packet opens a fresh record whose
 *     source is that packet's sender.</li>
 * </ul>
 * The end reason of a flow that falls silent after its active deadline names whichever of an
 * inspection ({@value #END_ACTIVE}), the contract ({@value #END_IDLE}) or the drain
 * ({@value #END_DRAIN}) reaches it first; on event time the engine handles contracts and
 * inspection ticks in time order, so a replayed capture gives the same end reasons too.
 * Run it on event time ({@code FactorySettings.eventTime(true)}) for captures, with an
 * inspection interval well below the active timeout (the CLI uses 1 s). On wall time the
 * packets' timestamps must follow the wall clock, or inspections end every flow at once.
 *
 * <p>Thread-safe: the blueprint is immutable and each assembly is confined to its worker.
 *
 * {@snippet :
 * try (var factory = Factory.builder(new FlowsBlueprint(Duration.ofMinutes(5)), warehouse)
 *         .settings(FactorySettings.builder().eventTime(true).inspection(Duration.ofSeconds(1)).build())
 *         .start()) {
 *     factory.purchaseAll(packets);
 * }
 * }
 */
public final class FlowsBlueprint implements Blueprint<Packet, FlowRecord> {

    /** The active timeout of the no-argument constructor: 30 minutes, as in common flow exporters. */
    public static final Duration DEFAULT_ACTIVE_TIMEOUT = Duration.ofMinutes(30);

    /** The end reason of a flow whose worker's contract expired. */
    public static final String END_IDLE = "idle";
    /** The end reason of a flow whose worker retired early because the roster was full. */
    public static final String END_EARLY = "early";
    /** The end reason of a flow slice that reached the active timeout. */
    public static final String END_ACTIVE = "active";
    /** The end reason of a flow emitted because the factory closed. */
    public static final String END_DRAIN = "drain";

    private final Duration activeTimeout;
    private final long activeNanos;

    /** Creates the blueprint with the {@linkplain #DEFAULT_ACTIVE_TIMEOUT default active timeout}. */
    public FlowsBlueprint() {
        this(DEFAULT_ACTIVE_TIMEOUT);
    }

    /**
     * Creates the blueprint with the given active timeout.
     *
     * @param activeTimeout how long a flow may last before a record is emitted and a new one starts;
     *     292 years or more (e.g. {@code Duration.ofSeconds(Long.MAX_VALUE)}) means never
     * @throws IllegalArgumentException if {@code activeTimeout} is not positive
     */
    public FlowsBlueprint(Duration activeTimeout) {
        Objects.requireNonNull(activeTimeout, "activeTimeout");
        if (activeTimeout.isNegative() || activeTimeout.isZero()) {
            throw new IllegalArgumentException("activeTimeout must be positive: " + activeTimeout);
        }
        this.activeTimeout = activeTimeout;
        this.activeNanos = saturatedNanos(activeTimeout);
    }

    /**
     * Returns the active timeout.
     *
     * @return how long a flow may last before its record is emitted
     */
    public Duration activeTimeout() {
        return activeTimeout;
    }

    @Override
    public String name() {
        return "flows";
    }

    @Override
    public Class<Packet> materialType() {
        return Packet.class;
    }

    @Override
    public Class<FlowRecord> productType() {
        return FlowRecord.class;
    }

    @Override
    public Assembly<Packet, FlowRecord> newAssembly(Object pid) {
        return new Flow(activeNanos);
    }

    @Override
    public String toString() {
        return "flows (active timeout " + activeTimeout + ")";
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /** Nanoseconds from {@code from} to {@code to}, saturated, without allocating a Duration. */
    static long nanosBetween(Instant from, Instant to) {
        long seconds = to.getEpochSecond() - from.getEpochSecond();
        if (seconds > 9_000_000_000L) {
            return Long.MAX_VALUE;
        }
        if (seconds < -9_000_000_000L) {
            return Long.MIN_VALUE;
        }
        return seconds * 1_000_000_000L + (to.getNano() - from.getNano());
    }

    /** The open flow of one worker; confined to that worker's thread. */
    private static final class Flow implements Assembly<Packet, FlowRecord> {
        private final long activeNanos;

        // the open record; packets == 0 means none is open
        private String srcAddr;
        private int srcPort;
        private String dstAddr;
        private int dstPort;
        private Protocol protocol;
        private Instant firstSeen;
        private Instant lastSeen;
        private long packetsFwd;
        private long bytesFwd;
        private long packetsBwd;
        private long bytesBwd;
        private int tcpFlags;

        Flow(long activeNanos) {
            this.activeNanos = activeNanos;
        }

        @Override
        public void accept(Packet packet, Emitter<FlowRecord> out) {
            Instant at = packet.timestamp();
            boolean forward = true;
            if (open()) {
                forward = forward(packet);
                if (!forward && !backward(packet)) {
                    throw new IllegalArgumentException("packet " + packet + " is not part of flow "
                            + FlowKey.of(srcAddr, srcPort, dstAddr, dstPort, protocol));
                }
                if (expired(at)) {
                    emit(END_ACTIVE, out);
                    forward = true;
                }
            }
            if (!open()) {
                start(packet);
            }
            if (forward) {
                packetsFwd++;
                bytesFwd += packet.length();
            } else {
                packetsBwd++;
                bytesBwd += packet.length();
            }
            tcpFlags |= packet.tcpFlags();
            if (at.isBefore(firstSeen)) {
                firstSeen = at;
            }
            if (at.isAfter(lastSeen)) {
                lastSeen = at;
            }
        }

        @Override
        public void inspect(Instant now, Emitter<FlowRecord> out) {
            if (open() && expired(now)) {
                emit(END_ACTIVE, out);
            }
        }

        @Override
        public void retire(Retirement reason, Emitter<FlowRecord> out) {
            if (open()) {
                emit(switch (reason) {
                    case IDLE -> END_IDLE;
                    case EARLY -> END_EARLY;
                    case DRAIN -> END_DRAIN;
                }, out);
            }
        }

        /** Whether a flow seen at {@code at} has reached the active timeout; never if it is ~292 years or more. */
        private boolean expired(Instant at) {
            return activeNanos != Long.MAX_VALUE && nanosBetween(firstSeen, at) >= activeNanos;
        }

        private boolean open() {
            return packetsFwd + packetsBwd > 0;
        }

        private void start(Packet packet) {
            srcAddr = packet.srcAddr();
            srcPort = packet.srcPort();
            dstAddr = packet.dstAddr();
            dstPort = packet.dstPort();
            protocol = packet.protocol();
            firstSeen = packet.timestamp();
            lastSeen = firstSeen;
        }

        private boolean forward(Packet packet) {
            return packet.srcPort() == srcPort && packet.dstPort() == dstPort && packet.protocol() == protocol
                    && packet.srcAddr().equals(srcAddr) && packet.dstAddr().equals(dstAddr);
        }

        private boolean backward(Packet packet) {
            return packet.srcPort() == dstPort && packet.dstPort() == srcPort && packet.protocol() == protocol
                    && packet.srcAddr().equals(dstAddr) && packet.dstAddr().equals(srcAddr);
        }

        private void emit(String endReason, Emitter<FlowRecord> out) {
            var record = new FlowRecord(srcAddr, srcPort, dstAddr, dstPort, protocol.pclass(), firstSeen, lastSeen,
                    packetsFwd, bytesFwd, packetsBwd, bytesBwd, tcpFlags, endReason);
            packetsFwd = 0;
            bytesFwd = 0;
            packetsBwd = 0;
            bytesBwd = 0;
            tcpFlags = 0;
            out.emit(record);
        }
    }
}
