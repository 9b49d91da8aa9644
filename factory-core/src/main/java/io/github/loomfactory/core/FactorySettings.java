package io.github.loomfactory.core;

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
 * wait on production lines, {@code beltCapacity} on each worker's belt, and
 * {@code transportCapacity} products on the transportation line plus one not-yet-full bay of at
 * most {@code shipmentSize} products per pclass at the stevedore.
 *
 * @param workshops number of workshops (partitions of the pid space, one director each);
 *     default: the number of available processors
 * @param lineCapacity capacity in materials of each workshop's production line; purchasing
 *     blocks when it is full; default {@value #DEFAULT_LINES} divided by {@code workshops}, at
 *     least {@value #MIN_DEFAULT_LINE} (524,288 with 2 workshops), so that by default all lines
 *     together hold about a million materials whatever the number of cores. Long lines pay off
 *     under load with many live pids: a director delivers up to half its line to the belts
 *     before it wakes their workers, so a woken worker finds about
 *     {@code workshops * lineCapacity / (2 * live pids)} materials waiting (W1 of BENCHMARKS.md,
 *     100,000 pids on 2 workshops, medians of 3 runs: 1.24 M/s at 262,144, 1.43 M/s at 524,288)
 * @param beltCapacity capacity in materials of each worker's conveyor belt; the director waits
 *     when a belt is full; default 256
 * @param rosterCap most workers alive in the whole factory, split evenly over the workshops,
 *     counting those still retiring; a workshop at its cap retires its least recently active
 *     worker early ({@link io.github.loomfactory.api.Retirement#EARLY}), and waits for retiring
 *     workers to finish before it hires more; default 4,194,304
 * @param contract how long a worker may go without material before it retires (idle timeout),
 *     on the factory's clock, measured from when its materials were purchased (on event time:
 *     from their timestamps), so a backlog does not count as idleness; default 5 s, as in the
 *     original program
 * @param inspection how often each live worker is inspected, on the factory's clock; zero
 *     turns inspections off; default zero
 * @param transportCapacity capacity in products of the transportation line; workers block when
 *     it is full; default 65,536
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
 */
public record FactorySettings(
        int workshops,
        int lineCapacity,
        int beltCapacity,
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
        boolean primer) {

    /** Materials all production lines hold together by default, split evenly over the workshops. */
    public static final int DEFAULT_LINES = 1 << 20;
    /** The smallest default line capacity, however many workshops there are. */
    public static final int MIN_DEFAULT_LINE = 1 << 14;

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the first bad setting, its value and the fix
     * @throws NullPointerException if a reference setting is null
     */
    public FactorySettings {
        atLeast("workshops", workshops, 1);
        atLeast("lineCapacity", lineCapacity, 1);
        atLeast("beltCapacity", beltCapacity, 1);
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
        if (rosterCap < workshops) {
            throw new IllegalArgumentException("rosterCap must be at least workshops (" + workshops
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
     * Returns the default capacity of each production line for {@code workshops} workshops:
     * {@value #DEFAULT_LINES} divided by {@code workshops}, at least {@value #MIN_DEFAULT_LINE};
     * values below 1 count as 1.
     */
    private static int defaultLineCapacity(int workshops) {
        return Math.max(MIN_DEFAULT_LINE, DEFAULT_LINES / Math.max(1, workshops));
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
        }
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    private static void notNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero (off) or positive: " + value);
        }
    }

    /**
     * A mutable builder of {@link FactorySettings}; not thread-safe. Setters return the builder;
     * values are checked by {@link #build()}.
     */
    public static final class Builder {
        private int workshops = Runtime.getRuntime().availableProcessors();
        /** Zero until set: then {@link #defaultLineCapacity} of the workshops at build time. */
        private int lineCapacity;
        private boolean lineCapacitySet;
        private int beltCapacity = 256;
        private int rosterCap = 4_194_304;
        private Duration contract = Duration.ofSeconds(5);
        private Duration inspection = Duration.ZERO;
        private int transportCapacity = 65_536;
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

        private Builder() {
        }

        private Builder(FactorySettings s) {
            workshops = s.workshops;
            lineCapacity = s.lineCapacity;
            lineCapacitySet = true;
            beltCapacity = s.beltCapacity;
            rosterCap = s.rosterCap;
            contract = s.contract;
            inspection = s.inspection;
            transportCapacity = s.transportCapacity;
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

        /** @param value see {@link FactorySettings#rosterCap()} @return this builder */
        public Builder rosterCap(int value) {
            rosterCap = value;
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

        /** @param value see {@link FactorySettings#workerNames()} @return this builder */
        public Builder workerNames(boolean value) {
            workerNames = value;
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
         * @throws IllegalArgumentException naming the first bad setting, its value and the fix
         */
        public FactorySettings build() {
            int line = lineCapacitySet ? lineCapacity : defaultLineCapacity(workshops);
            return new FactorySettings(workshops, line, beltCapacity, rosterCap, contract,
                    inspection, transportCapacity, shipmentSize, shipmentAge, warehouseRetries,
                    retryBackoff, failurePolicy, clock, eventTime, statusInterval, workerNames, primer);
        }
    }
}
