package io.github.loomfactory.flows;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Emitter;
import io.github.loomfactory.api.Options;
import io.github.loomfactory.api.Retirement;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The built-in {@code flows} blueprint: assembles {@link Packet packets} into bidirectional
 * {@link FlowRecord flow records}, the original program's real use.
 *
 * <p>Each worker serves one {@link FlowKey} (both directions of one conversation) and accumulates
 * one flow, with its {@linkplain CommunityId Community ID} and its statistics (packet lengths and
 * inter-arrival times per direction, payload bytes, TCP flag counts), all in one pass. The flow
 * is emitted
 * <ul>
 * <li>when its TCP connection has ended, {@code end_reason} {@value #END_FIN} or
 *     {@value #END_RST}: once FIN has been seen in both directions, or a RST, the connection is
 *     closed, and its flow ends when the next packet comes at least the
 *     {@linkplain #tcpLinger() TCP linger} (default {@value #DEFAULT_TCP_LINGER_SECONDS} s) after
 *     its latest one, when an inspection or the contract finds it quiet for that long, or when a
 *     SYN without ACK opens a new connection on the same 5-tuple. So the last ACK, a
 *     retransmitted FIN or a RST answering stray data stay in the flow they belong to, and a
 *     reused 5-tuple starts a new flow, as tshark's {@code tcp.stream} numbers them. A closed
 *     connection's flow keeps its end reason whatever retires it. A connection whose opening the
 *     capture missed (no SYN) is a flow like any other;</li>
 * <li>when its worker retires: {@code end_reason} {@value #END_IDLE} for
 *     {@link Retirement#IDLE} (no packet for the factory's contract, the classic idle timeout),
 *     {@value #END_EARLY} for {@link Retirement#EARLY} (the roster was full) and
 *     {@link Retirement#OVERDUE} (ended early so that its source's positions could be settled),
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
 * {@snippet file="io/github/loomfactory/flows/FlowsBlueprintSnippetTest.java" region="flows"}
 */
public final class FlowsBlueprint implements Blueprint<Packet, FlowRecord> {

    /** The active timeout of the no-argument constructor: 30 minutes, as in common flow exporters. */
    public static final Duration DEFAULT_ACTIVE_TIMEOUT = Duration.ofMinutes(30);

    /** The TCP linger of the shorter constructors, in seconds. */
    public static final int DEFAULT_TCP_LINGER_SECONDS = 2;
    /** The TCP linger of the shorter constructors: {@value #DEFAULT_TCP_LINGER_SECONDS} seconds. */
    public static final Duration DEFAULT_TCP_LINGER = Duration.ofSeconds(DEFAULT_TCP_LINGER_SECONDS);

    /** The end reason of a TCP flow whose connection closed with FIN in both directions. */
    public static final String END_FIN = "fin";
    /** The end reason of a TCP flow whose connection was reset. */
    public static final String END_RST = "rst";
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
    private final Duration tcpLinger;
    private final long lingerNanos;
    private final CommunityId communityId;

    /**
     * Creates the blueprint with the {@linkplain #DEFAULT_ACTIVE_TIMEOUT default active timeout},
     * the {@linkplain #DEFAULT_TCP_LINGER default TCP linger} and Community ID seed 0.
     */
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
        this(activeTimeout, DEFAULT_TCP_LINGER, 0);
    }

    /**
     * Creates the blueprint with the given active timeout, TCP linger and Community ID seed.
     *
     * @param activeTimeout how long a flow may last before a record is emitted and a new one starts;
     *     292 years or more (e.g. {@code Duration.ofSeconds(Long.MAX_VALUE)}) means never
     * @param tcpLinger how long a closed TCP connection's flow waits for its stragglers (the last
     *     ACK, retransmissions) before it ends; zero ends it with the next packet
     * @param communityIdSeed the seed of the flows' Community IDs, 0..65535; 0 as every tool's default
     * @throws IllegalArgumentException if {@code activeTimeout} is not positive, {@code tcpLinger}
     *     negative or the seed outside 0..65535
     */
    public FlowsBlueprint(Duration activeTimeout, Duration tcpLinger, int communityIdSeed) {
        Objects.requireNonNull(activeTimeout, "activeTimeout");
        Objects.requireNonNull(tcpLinger, "tcpLinger");
        if (activeTimeout.isNegative() || activeTimeout.isZero()) {
            throw new IllegalArgumentException("activeTimeout must be positive: " + activeTimeout);
        }
        if (tcpLinger.isNegative()) {
            throw new IllegalArgumentException("tcpLinger must be zero or positive: " + tcpLinger);
        }
        this.activeTimeout = activeTimeout;
        this.activeNanos = saturatedNanos(activeTimeout);
        this.tcpLinger = tcpLinger;
        this.lingerNanos = saturatedNanos(tcpLinger);
        this.communityId = CommunityId.withSeed(communityIdSeed);
    }

    /**
     * Returns the active timeout.
     *
     * @return how long a flow may last before its record is emitted
     */
    public Duration activeTimeout() {
        return activeTimeout;
    }

    /**
     * Returns the TCP linger: how long a closed connection's flow waits for stragglers.
     *
     * @return the TCP linger
     */
    public Duration tcpLinger() {
        return tcpLinger;
    }

    /**
     * Returns the Community ID the flows are stamped with.
     *
     * @return the Community ID, with its seed
     */
    public CommunityId communityId() {
        return communityId;
    }

    /**
     * Returns this blueprint with the options a host passes ({@code factory run --blueprint flows
     * --set tcp-linger=5s}): {@code active-timeout} (a positive duration), {@code tcp-linger}
     * (zero or more) and {@code community-id-seed} (0..65535); what is not given keeps this
     * blueprint's value.
     *
     * @param options the options
     * @return the configured blueprint
     * @throws IllegalArgumentException naming the option, if a key is unknown or a value is bad
     */
    @Override
    public FlowsBlueprint configure(Options options) {
        options.requireKnown("active-timeout", "tcp-linger", "community-id-seed");
        Duration active = options.duration("active-timeout", activeTimeout);
        Duration linger = options.duration("tcp-linger", tcpLinger);
        int seed = options.integer("community-id-seed", communityId.seed());
        if (active.isNegative() || active.isZero()) {
            throw new IllegalArgumentException("option active-timeout: '" + options.text("active-timeout", "") + "' must be positive");
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException("option tcp-linger: '" + options.text("tcp-linger", "") + "' must be zero or more");
        }
        if (seed < 0 || seed > 0xFFFF) {
            throw new IllegalArgumentException("option community-id-seed: '" + options.text("community-id-seed", "") + "' must be in 0..65535");
        }
        return new FlowsBlueprint(active, linger, seed);
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
        return new Flow(activeNanos, lingerNanos, communityId);
    }

    @Override
    public String toString() {
        return "flows (active timeout " + activeTimeout + ", TCP linger " + tcpLinger + ", community ID seed "
                + communityId.seed() + ")";
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
