package io.github.loomfactory.core;

import io.github.loomfactory.core.internal.supervision.HeapBudget;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;

/**
 * How a {@link Factory} is sized and timed: an immutable, validated set of settings.
 *
 * <p>Build one with {@link #builder()}; every setting has a documented default, so
 * {@code FactorySettings.defaults()} is a sound start. A bad value is refused when the settings
 * are built, with a message naming the setting, the value and the fix.
 *
 * <p>Queues are bounded everywhere, so at most about {@code workshops * lineCapacity} materials
 * wait on production lines, {@code workshops * beltLoad} on the belts of all workers together (at
 * most {@code beltCapacity} on one), and {@code transportCapacity} products on the transportation
 * line plus one not-yet-full bay of at most {@code shipmentSize} products per pclass at the
 * stevedore.
 *
 * <p><b>Sized from the heap.</b> The defaults of {@code lineCapacity}, {@code beltLoad},
 * {@code rosterCap} and {@code transportCapacity} are derived from the heap
 * ({@link Runtime#maxMemory()}, or {@link Builder#heap}), so that the worst case of the defaults
 * never needs more than half of it, on any heap from 64 MB up:
 * <pre>
 *   worst case = workshops * 1.5 * lineCapacity * ~128 B  (lines, and the batch each director delivers)
 *              + workshops * beltLoad * ~128 B             (what the belts hold)
 *              + rosterCap * ~2 KB                         (live and retiring workers)
 *              + (transportCapacity + shipmentSize) * ~128 B (transportation line, an open bay)
 * </pre>
 * The lines get a quarter of that half ({@code heap / 8 / 256 B} materials together, at most
 * {@value #DEFAULT_LINES}), the belts another quarter ({@code heap / 8 / 128 B} materials
 * together, at most {@value #DEFAULT_BELTS}), the transportation line a sixteenth
 * ({@code heap / 32 / 128 B} products, 1,024 to 65,536), the roster cap the rest, in 2 KB
 * workers, at most 4,194,304. On 2 workshops: an 8 GB heap gets lines of 524,288, belt loads of
 * 4,194,304 and a roster cap of 1,470,401; 1 GB, lines of 262,144, belt loads of 524,288 and
 * 143,297 workers; 256 MB, lines of 65,536, belt loads of 131,072 and 32,705 workers; 64 MB,
 * lines of 16,384, belt loads of 32,768 and 8,129 workers. Explicit settings win,
 * but {@link Factory.Builder#start()} refuses settings whose worst case exceeds the whole heap,
 * naming the largest part ("roster cap 4,194,304 x ~2 KB per worker = 8 GB, heap 256 MB"). The
 * costs per material, worker and product are measured by factory-bench ({@code HeapCosts} and
 * W4's heap per worker; see its README). A roster at its cap retires the least recently active
 * worker early ({@link FactoryStats#earlyRetirements()}), so a key explosion (a scan, a SYN
 * flood) slows purchasing instead of exhausting the heap.
 *
 * @param workshops number of workshops (partitions of the pid space, one director each);
 *     default: the number of available processors
 * @param lineCapacity capacity in materials of each workshop's production line; purchasing
 *     blocks when it is full; a director delivers up to half its line to the belts before it
 *     wakes their workers; default from the heap (above): {@code min(}{@value #DEFAULT_LINES}{@code ,
 *     heap / 2048)} divided by {@code workshops}, at least 256 (524,288 with 2 workshops on a
 *     heap of 2 GB or more), so that on a large heap all lines together hold about a million
 *     materials whatever the number of cores (factory-bench's README shows W1's throughput at
 *     each line capacity)
 * @param beltCapacity capacity in materials of each worker's conveyor belt; the director waits
 *     when a belt is full; default 256
 * @param beltLoad most materials the belts of one workshop's workers hold together before its
 *     director waits for them to take some, so that a roster of slow workers cannot hold
 *     {@code rosterCap * beltCapacity} materials; more than {@code beltCapacity}, so that one
 *     pid's belt can fill. A higher load lets a woken worker find more materials waiting (about
 *     {@code beltLoad / live pids per workshop}), which pays off with many live pids (W1 of
 *     factory-bench's README); default from the heap (above): {@code min(}{@value #DEFAULT_BELTS}{@code ,
 *     heap / 1024)} divided by {@code workshops}, at least 1,024 and {@code beltCapacity + 1}
 *     (4,194,304 with 2 workshops on a heap of 8 GB or more)
 * @param rosterCap most workers alive in the whole factory, split evenly over the workshops,
 *     counting those still retiring; a workshop at its cap retires its least recently active
 *     worker early ({@link io.github.loomfactory.api.Retirement#EARLY}), and waits for retiring
 *     workers to finish before it hires more; default from the heap (above): what half the heap
 *     leaves after the lines and the transportation line, at about 2 KB per worker, at most
 *     4,194,304
 * @param contract how long a worker may go without material before it retires (idle timeout),
 *     on the factory's clock, measured from when its materials were purchased (on event time:
 *     from their timestamps), so a backlog does not count as idleness; default 5 s, as in the
 *     original program
 * @param inspection how often each live worker is inspected, on the factory's clock; zero
 *     turns inspections off; default zero. Ticks are an interval apart from the start, or on
 *     event time from the first event time purchased, in every workshop alike
 * @param transportCapacity capacity in products of the transportation line; workers block when
 *     it is full; default from the heap (above): {@code heap / 4096}, 1,024 to 65,536 (65,536
 *     from a 256 MB heap up)
 * @param shipmentSize products per shipment: a bay is shipped as soon as it holds this many;
 *     default 1000
 * @param shipmentAge longest a non-empty bay waits before it is shipped anyway, on the wall
 *     clock given by {@code clock}; default 1 s
 * @param warehouseRetries how often a failed shipment is retried before the factory fails;
 *     default 5
 * @param retryBackoff pause before the first retry, on {@code clock}, doubled for each further one
 *     up to 30 s (or this pause, if longer); default 100 ms
 * @param failurePolicy what a throwing blueprint does to the factory; default
 *     {@link FailurePolicy#REJECT}
 * @param clock source of wall time for contracts, inspections, shipment ages and rates;
 *     default {@link InstantSource#system()}; tests pass a hand-advanced one
 * @param eventTime when true, contracts and inspections run on the materials' own
 *     {@linkplain io.github.loomfactory.api.Material#eventTime() event times} instead of
 *     {@code clock}, so replayed data gives the same products however fast it is read;
 *     default false
 * @param statusInterval how often the supervisor logs a status line; zero turns it off;
 *     default 1 s
 * @param workerNames when true, each worker's thread is named {@code worker-<pid>}, so a thread
 *     dump shows which pid each serves; the name costs about 56 bytes per live worker for a
 *     six-digit pid (56 MB for a million live workers); default false: the workers of workshop N
 *     all share the name {@code workshop-N/worker}
 * @param primer when true, the first factory started in the JVM first runs a few thousand
 *     throwaway workers through a whole life (about 0.1 s on 2 cores, once per JVM), so that the
 *     JIT has seen workers retire before it compiles them: it spares a factory whose workers all
 *     live until the drain (a million of them on W4 of BENCHMARKS.md) a storm of deoptimizations
 *     at the drain; default false (most programs never have a million workers retire together)
 * @param settleWithin longest a material bought with a position ({@link Factory#offer(io.github.loomfactory.api.Material, Lane, long)})
 *     stays unsettled because its worker is still alive: the worker of the oldest such material is
 *     retired ({@link io.github.loomfactory.api.Retirement#OVERDUE}) once it is older than this, on
 *     {@code clock}, so that a pid that never goes idle cannot hold its lane's commits back
 *     forever; default 30 s (a lane's settled position then trails its purchases by at most about
 *     this plus the time to ship)
 */
public record FactorySettings(
        int workshops,
        int lineCapacity,
        int beltCapacity,
        int beltLoad,
        int rosterCap,
        Duration contract,
        Duration inspection,
        int transportCapacity,
        int shipmentSize,
        Duration shipmentAge,
        int warehouseRetries,
        Duration retryBackoff,
        FailurePolicy failurePolicy,
        InstantSource clock,
        boolean eventTime,
        Duration statusInterval,
        boolean workerNames,
        boolean primer,
        Duration settleWithin) {

    /**
     * Most materials all production lines hold together by default (on a heap of 2 GB or more),
     * split evenly over the workshops.
     */
    public static final int DEFAULT_LINES = 1 << 20;

    /**
     * Most materials the belts of all workshops hold together by default (on a heap of 8 GB or
     * more), split evenly over the workshops.
     */
    public static final int DEFAULT_BELTS = 1 << 23;

    /**
     * Validates the settings.
     *
     * @throws SettingException naming the first bad setting, its value and the fix
     * @throws NullPointerException if a reference setting is null
     */
    public FactorySettings {
        atLeast("workshops", workshops, 1);
        atLeast("lineCapacity", lineCapacity, 1);
        atLeast("beltCapacity", beltCapacity, 1);
        if (beltLoad <= beltCapacity) {
            throw new SettingException("beltLoad", "must be more than the belt capacity (" + beltCapacity
                    + "), so that one pid's full belt does not hold its workshop back: " + beltLoad);
        }
        atLeast("rosterCap", rosterCap, 1);
        positive("contract", contract);
        notNegative("inspection", inspection);
        atLeast("transportCapacity", transportCapacity, 1);
        atLeast("shipmentSize", shipmentSize, 1);
        positive("shipmentAge", shipmentAge);
        atLeast("warehouseRetries", warehouseRetries, 0);
        notNegative("retryBackoff", retryBackoff);
        Objects.requireNonNull(failurePolicy, "failurePolicy");
        Objects.requireNonNull(clock, "clock");
        notNegative("statusInterval", statusInterval);
        positive("settleWithin", settleWithin);
        if (rosterCap < workshops) {
            throw new SettingException("rosterCap", "must be at least the number of workshops (" + workshops
                    + ") so that every workshop can hire: " + rosterCap);
        }
    }

    /**
     * Returns the default settings: see each component for its default.
     *
     * @return the defaults
     */
    public static FactorySettings defaults() {
        return builder().build();
    }

    /**
     * Returns a builder that starts from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a builder that starts from these settings.
     *
     * @return a new builder holding these settings
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Returns how many workers one workshop may keep alive: {@code rosterCap / workshops}.
     *
     * @return the per-workshop roster cap, at least one
     */
    public int rosterCapPerWorkshop() {
        return rosterCap / workshops;
    }

    /**
     * Returns the most heap these settings may need for their queues and workers, in bytes: the
     * worst case of the formula in the class description, with the measured costs per material,
     * worker and product.
     *
     * @return the worst-case heap of these settings
     */
    public long worstCaseHeap() {
        return HeapBudget.worstCase(this);
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new SettingException(name, "must be at least " + min + ": " + value);
        }
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new SettingException(name, "must be positive: " + value);
        }
    }

    private static void notNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new SettingException(name, "must be zero (off) or positive: " + value);
        }
    }

    /**
     * A mutable builder of {@link FactorySettings}; not thread-safe. Setters return the builder;
     * values are checked by {@link #build()}.
     */
    public static final class Builder {
        private int workshops = Runtime.getRuntime().availableProcessors();
        private long heap = HeapBudget.thisHeap();
        /** Zero until set: then derived from the heap and the workshops at build time. */
        private int lineCapacity;
        private boolean lineCapacitySet;
        private int beltCapacity = 256;
        private int beltLoad;
        private boolean beltLoadSet;
        private int rosterCap;
        private boolean rosterCapSet;
        private Duration contract = Duration.ofSeconds(5);
        private Duration inspection = Duration.ZERO;
        private int transportCapacity;
        private boolean transportCapacitySet;
        private int shipmentSize = 1000;
        private Duration shipmentAge = Duration.ofSeconds(1);
        private int warehouseRetries = 5;
        private Duration retryBackoff = Duration.ofMillis(100);
        private FailurePolicy failurePolicy = FailurePolicy.REJECT;
        private InstantSource clock = InstantSource.system();
        private boolean eventTime;
        private Duration statusInterval = Duration.ofSeconds(1);
        private boolean workerNames;
        private boolean primer;
        private Duration settleWithin = Duration.ofSeconds(30);

        private Builder() {
        }

        private Builder(FactorySettings s) {
            workshops = s.workshops;
            lineCapacity = s.lineCapacity;
            lineCapacitySet = true;
            beltCapacity = s.beltCapacity;
            beltLoad = s.beltLoad;
            beltLoadSet = true;
            rosterCap = s.rosterCap;
            rosterCapSet = true;
            contract = s.contract;
            inspection = s.inspection;
            transportCapacity = s.transportCapacity;
            transportCapacitySet = true;
            shipmentSize = s.shipmentSize;
            shipmentAge = s.shipmentAge;
            warehouseRetries = s.warehouseRetries;
            retryBackoff = s.retryBackoff;
            failurePolicy = s.failurePolicy;
            clock = s.clock;
            eventTime = s.eventTime;
            statusInterval = s.statusInterval;
            workerNames = s.workerNames;
            primer = s.primer;
            settleWithin = s.settleWithin;
        }

        /** @param value see {@link FactorySettings#workshops()} @return this builder */
        public Builder workshops(int value) {
            workshops = value;
            return this;
        }

        /** @param value see {@link FactorySettings#lineCapacity()} @return this builder */
        public Builder lineCapacity(int value) {
            lineCapacity = value;
            lineCapacitySet = true;
            return this;
        }

        /** @param value see {@link FactorySettings#beltCapacity()} @return this builder */
        public Builder beltCapacity(int value) {
            beltCapacity = value;
            return this;
        }

        /** @param value see {@link FactorySettings#beltLoad()} @return this builder */
        public Builder beltLoad(int value) {
            beltLoad = value;
            beltLoadSet = true;
            return this;
        }

        /** @param value see {@link FactorySettings#rosterCap()} @return this builder */
        public Builder rosterCap(int value) {
            rosterCap = value;
            rosterCapSet = true;
            return this;
        }

        /** @param value see {@link FactorySettings#contract()} @return this builder */
        public Builder contract(Duration value) {
            contract = value;
            return this;
        }

        /** @param value see {@link FactorySettings#inspection()} @return this builder */
        public Builder inspection(Duration value) {
            inspection = value;
            return this;
        }

        /** @param value see {@link FactorySettings#transportCapacity()} @return this builder */
        public Builder transportCapacity(int value) {
            transportCapacity = value;
            transportCapacitySet = true;
            return this;
        }

        /** @param value see {@link FactorySettings#shipmentSize()} @return this builder */
        public Builder shipmentSize(int value) {
            shipmentSize = value;
            return this;
        }

        /** @param value see {@link FactorySettings#shipmentAge()} @return this builder */
        public Builder shipmentAge(Duration value) {
            shipmentAge = value;
            return this;
        }

        /** @param value see {@link FactorySettings#warehouseRetries()} @return this builder */
        public Builder warehouseRetries(int value) {
            warehouseRetries = value;
            return this;
        }

        /** @param value see {@link FactorySettings#retryBackoff()} @return this builder */
        public Builder retryBackoff(Duration value) {
            retryBackoff = value;
            return this;
        }

        /** @param value see {@link FactorySettings#failurePolicy()} @return this builder */
        public Builder failurePolicy(FailurePolicy value) {
            failurePolicy = value;
            return this;
        }

        /** @param value see {@link FactorySettings#clock()} @return this builder */
        public Builder clock(InstantSource value) {
            clock = value;
            return this;
        }

        /** @param value see {@link FactorySettings#eventTime()} @return this builder */
        public Builder eventTime(boolean value) {
            eventTime = value;
            return this;
        }

        /** @param value see {@link FactorySettings#statusInterval()} @return this builder */
        public Builder statusInterval(Duration value) {
            statusInterval = value;
            return this;
        }

        /**
         * Sets the heap the defaults of {@code lineCapacity}, {@code beltLoad}, {@code rosterCap}
         * and {@code transportCapacity} are sized for (see {@link FactorySettings}); default
         * {@link Runtime#maxMemory()} of this JVM. Settings set explicitly are kept as they are.
         *
         * @param bytes the heap, at least 1 MB
         * @return this builder
         * @throws SettingException if {@code bytes} is below 1 MB
         */
        public Builder heap(long bytes) {
            if (bytes < 1 << 20) {
                throw new SettingException("heap", "must be at least 1 MB (1048576 bytes): " + bytes);
            }
            heap = bytes;
            return this;
        }

        /** @param value see {@link FactorySettings#workerNames()} @return this builder */
        public Builder workerNames(boolean value) {
            workerNames = value;
            return this;
        }

        /** @param value see {@link FactorySettings#settleWithin()} @return this builder */
        public Builder settleWithin(Duration value) {
            settleWithin = value;
            return this;
        }

        /** @param value see {@link FactorySettings#primer()} @return this builder */
        public Builder primer(boolean value) {
            primer = value;
            return this;
        }

        /**
         * Builds and validates the settings.
         *
         * @return the settings
         * @throws SettingException naming the first bad setting, its value and the fix
         */
        public FactorySettings build() {
            int line = lineCapacitySet ? lineCapacity : HeapBudget.lineCapacity(heap, workshops);
            int belts = beltLoadSet ? beltLoad : HeapBudget.beltLoad(heap, workshops, beltCapacity);
            int transport = transportCapacitySet ? transportCapacity : HeapBudget.transportCapacity(heap);
            int roster = rosterCapSet ? rosterCap
                    : HeapBudget.rosterCap(heap, workshops, Math.max(1, line), Math.max(1, belts), Math.max(1, transport),
                            Math.max(1, shipmentSize));
            return new FactorySettings(workshops, line, beltCapacity, belts, roster, contract,
                    inspection, transport, shipmentSize, shipmentAge, warehouseRetries,
                    retryBackoff, failurePolicy, clock, eventTime, statusInterval, workerNames, primer, settleWithin);
        }
    }
}
