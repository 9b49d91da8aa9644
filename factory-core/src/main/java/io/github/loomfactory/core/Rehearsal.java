package io.github.loomfactory.core;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Emitter;
import io.github.loomfactory.api.FactoryException;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Retirement;
import io.github.loomfactory.core.internal.production.RosterEntry;
import io.github.loomfactory.core.internal.production.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A deterministic stand-in for a {@link Factory}, for testing blueprints: runs one blueprint over
 * materials on the calling thread with a hand-driven clock and returns the products in emission
 * order.
 *
 * <p>A rehearsal keeps the engine's rules for one workshop, with no threads and no timing of its
 * own: each pid's assembly is created with {@link Blueprint#newAssembly} when its first material
 * arrives (again after it retired), gets its materials in order, is inspected at every tick of
 * the {@linkplain Builder#inspection inspection interval} (counted from the start, or on event time
 * from the first event time), retires {@link Retirement#IDLE IDLE} once
 * the clock is a {@linkplain Builder#contract contract} past its last material,
 * {@link Retirement#EARLY EARLY} (least recently active first) when a new pid would exceed the
 * {@linkplain Builder#rosterCap roster cap}, and {@link Retirement#DRAIN DRAIN} when the rehearsal
 * is {@linkplain #drain() drained}. Failures follow the {@link FailurePolicy}: under
 * {@code REJECT} a throwing material is recorded as a {@link Rejection} and a throwing inspection
 * or retirement as a failure; under {@code FAIL} the first one ends the rehearsal with a
 * {@link FactoryException}. An emitter used after its callback returned is refused, which catches
 * assemblies that keep one for later.
 *
 * <p>Time is the rehearsal's clock: it starts at {@linkplain Builder#start the start instant} and
 * moves only when {@link #advance(Duration)} is called or, on {@linkplain Builder#eventTime event
 * time}, when a material's event time is later than the clock. It needs no preview features, so
 * tests that use it run without {@code --enable-preview}. Not thread-safe.
 *
 * {@snippet file="io/github/loomfactory/core/RehearsalSnippetTest.java" region="rehearsal"}
 *
 * @param <M> the material type
 * @param <P> the product type
 */
public final class Rehearsal<M extends Material, P extends Product> {
    /*
     * Contracts, inspections and the roster cap are decided by a Schedule, the same class the
     * engine's workshops use; a rehearsal carries each decision out on the spot (single-threaded),
     * so a retiring stage's products come before any later material's products. The schedule's
     * clock counts whole milliseconds, as the engine's does.
     */

    // states: OPEN -> DRAINED, or OPEN -> FAILED on the first failure under FailurePolicy.FAIL
    private enum State { OPEN, DRAINED, FAILED }

    private final Blueprint<M, P> blueprint;
    private final FailurePolicy failurePolicy;
    private final boolean eventTime;
    private final Schedule<Stage, RuntimeException> schedule;
    private final List<P> products = new ArrayList<>();
    private final List<Rejection<M>> rejections = new ArrayList<>();
    private final List<Exception> failures = new ArrayList<>();
    private Instant now;
    private State state = State.OPEN;
    private FactoryException failure;
    private long hires;

    private Rehearsal(Builder<M, P> builder) {
        this.blueprint = builder.blueprint;
        this.failurePolicy = builder.failurePolicy;
        this.eventTime = builder.eventTime;
        this.now = builder.start;
        this.schedule = new Schedule<>(Math.max(1, builder.contract.toMillis()), builder.inspection.toMillis(),
                builder.rosterCap, new Schedule.Effects<Stage, RuntimeException>() {
                    @Override
                    public void retire(Stage stage, Retirement reason) {
                        stage.retire(reason);
                    }

                    @Override
                    public void inspect(Stage stage, long tick) {
                        stage.inspect(Instant.ofEpochMilli(tick));
                    }
                });
        if (!eventTime) {
            // on event time the first inspection is an interval after the first event time
            schedule.start(now.toEpochMilli());
        }
    }

    /**
     * Returns a builder of a rehearsal of {@code blueprint}, starting from the engine's defaults
     * ({@link FactorySettings#defaults()}: contract, no inspections, roster cap, failure policy,
     * wall time) and the clock at {@link Instant#EPOCH}.
     *
     * @param blueprint the blueprint under test
     * @param <M> the material type
     * @param <P> the product type
     * @return a new builder
     */
    public static <M extends Material, P extends Product> Builder<M, P> builder(Blueprint<M, P> blueprint) {
        return new Builder<>(blueprint);
    }

    /**
     * Rehearses {@code blueprint} with the default settings: feeds every material, in order, on a
     * clock that never moves (so no contract expires), then drains.
     *
     * @param blueprint the blueprint under test
     * @param materials the materials, in purchase order
     * @param <M> the material type
     * @param <P> the product type
     * @return every product, in emission order
     * @throws FactoryException if the blueprint fails under {@link FailurePolicy#FAIL}
     */
    public static <M extends Material, P extends Product> List<P> run(Blueprint<M, P> blueprint,
            Iterable<? extends M> materials) {
        return builder(blueprint).build().feedAll(materials).drain();
    }

    /**
     * Purchases one material: hands it to its pid's assembly, hiring one if the pid has none. On
     * event time, a material whose event time is later than the clock first moves the clock, which
     * may expire contracts and run inspections.
     *
     * @param material the material
     * @return this rehearsal
     * @throws NullPointerException if {@code material} or its pid is null
     * @throws IllegalStateException if the rehearsal was drained
     * @throws FactoryException if the blueprint fails under {@link FailurePolicy#FAIL}
     */
    public Rehearsal<M, P> feed(M material) {
        Objects.requireNonNull(material, "material");
        Object pid = Objects.requireNonNull(material.pid(), () -> "pid of material " + material);
        checkOpen();
        if (eventTime) {
            var time = material.eventTime();
            if (time.isPresent()) {
                moveTo(time.get());
            }
        }
        Stage stage = schedule.touch(pid);
        if (stage == null) {
            schedule.makeRoom();
            stage = new Stage(pid);
            schedule.add(stage);
            hires++;
        }
        stage.accept(material);
        return this;
    }

    /**
     * Purchases every material of {@code materials}, in order.
     *
     * @param materials the materials
     * @return this rehearsal
     * @throws IllegalStateException if the rehearsal was drained
     * @throws FactoryException if the blueprint fails under {@link FailurePolicy#FAIL}
     */
    public Rehearsal<M, P> feedAll(Iterable<? extends M> materials) {
        for (M material : materials) {
            feed(material);
        }
        return this;
    }

    /**
     * Moves the clock forward by {@code time}: every inspection tick on the way inspects the live
     * workers at the tick's time, and workers whose contract ran out retire
     * ({@link Retirement#IDLE}), all in time order.
     *
     * @param time how far to move the clock; zero just checks contracts and inspections
     * @return this rehearsal
     * @throws IllegalArgumentException if {@code time} is negative
     * @throws IllegalStateException if the rehearsal was drained
     * @throws FactoryException if the blueprint fails under {@link FailurePolicy#FAIL}
     */
    public Rehearsal<M, P> advance(Duration time) {
        Objects.requireNonNull(time, "time");
        if (time.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward: " + time);
        }
        checkOpen();
        moveTo(now.plus(time));
        return this;
    }

    /**
     * Drains, as closing a factory does: retires every live worker ({@link Retirement#DRAIN},
     * least recently active first) and returns every product. Idempotent; the rehearsal takes no
     * material afterwards.
     *
     * @return every product, in emission order
     * @throws FactoryException if the blueprint fails under {@link FailurePolicy#FAIL}, now or before
     */
    public List<P> drain() {
        if (state == State.FAILED) {
            throw failure;
        }
        if (state == State.OPEN) {
            schedule.drain();
            schedule.roster().clear();
            state = State.DRAINED;
        }
        return products();
    }

    /**
     * Returns the products emitted so far, in emission order.
     *
     * @return an immutable copy
     */
    public List<P> products() {
        return List.copyOf(products);
    }

    /**
     * Returns the materials whose assembly threw (or whose worker could not be hired), in order.
     *
     * @return an immutable copy
     */
    public List<Rejection<M>> rejections() {
        return List.copyOf(rejections);
    }

    /**
     * Returns what inspections and retirements threw under {@link FailurePolicy#REJECT}, in order.
     *
     * @return an immutable copy
     */
    public List<Exception> failures() {
        return List.copyOf(failures);
    }

    /**
     * Returns the rehearsal's clock.
     *
     * @return the current time
     */
    public Instant now() {
        return now;
    }

    /**
     * Returns the pids that have a live worker, least recently active first.
     *
     * @return an immutable copy
     */
    public List<Object> roster() {
        var pids = new ArrayList<Object>(schedule.roster().size());
        for (Stage stage : schedule.roster()) {
            pids.add(stage.pid);
        }
        return List.copyOf(pids);
    }

    /**
     * Returns how many workers were hired so far.
     *
     * @return the number of hires
     */
    public long hires() {
        return hires;
    }

    private void checkOpen() {
        if (state == State.FAILED) {
            throw failure;
        }
        if (state == State.DRAINED) {
            throw new IllegalStateException("rehearsal is drained: feed and advance before drain()");
        }
    }

    /**
     * Moves the clock to {@code target} as the engine's directors do: the schedule passes every
     * inspection tick on the way, in time order, first retiring the stages whose contract ran out
     * by the tick, then inspecting the live ones at the tick's time; at the target, contracts are
     * checked again.
     */
    private void moveTo(Instant target) {
        if (target.isAfter(now)) {
            now = target;
        }
        schedule.advanceTo(target.toEpochMilli());
    }

    private FactoryException fail(String what, Exception cause) {
        failure = new FactoryException("blueprint '" + blueprint.name() + "' failed " + what + ": " + cause, cause);
        state = State.FAILED;
        return failure;
    }

    /** One live pid: its assembly, or why it could not be hired. */
    private final class Stage extends RosterEntry<Stage> {
        final Assembly<M, P> assembly;
        final Exception hireFailure;

        Stage(Object pid) {
            super(pid);
            Assembly<M, P> made = null;
            Exception failed = null;
            try {
                made = Objects.requireNonNull(blueprint.newAssembly(pid), "newAssembly returned null");
            } catch (Exception e) {
                failed = e;
            }
            this.assembly = made;
            this.hireFailure = failed;
        }

        void accept(M material) {
            if (assembly == null) {
                reject(material, hireFailure);
                return;
            }
            var out = new Out();
            try {
                assembly.accept(material, out);
            } catch (Exception e) {
                reject(material, e);
            } finally {
                out.close();
            }
        }

        void inspect(Instant at) {
            if (assembly == null) {
                return;
            }
            var out = new Out();
            try {
                assembly.inspect(at, out);
            } catch (Exception e) {
                failed("in inspection of pid " + pid, e);
            } finally {
                out.close();
            }
        }

        void retire(Retirement reason) {
            if (assembly == null) {
                return;
            }
            var out = new Out();
            try {
                assembly.retire(reason, out);
            } catch (Exception e) {
                failed("in retirement of pid " + pid, e);
            } finally {
                out.close();
            }
        }

        private void reject(M material, Exception cause) {
            rejections.add(new Rejection<>(material, pid, cause));
            if (failurePolicy == FailurePolicy.FAIL) {
                throw fail("on pid " + pid, cause);
            }
        }

        private void failed(String what, Exception cause) {
            if (failurePolicy == FailurePolicy.FAIL) {
                throw fail(what, cause);
            }
            failures.add(cause);
        }
    }

    /** The emitter of one callback: valid until the callback returns. */
    private final class Out implements Emitter<P> {
        private boolean closed;

        @Override
        public void emit(P product) {
            Objects.requireNonNull(product, "product");
            Objects.requireNonNull(product.pclass(), "pclass of product");
            if (closed) {
                throw new IllegalStateException("emitter used after its callback returned: emit only during the callback it was passed to");
            }
            products.add(product);
        }

        void close() {
            closed = true;
        }
    }

    /**
     * Configures a {@link Rehearsal}; not thread-safe. Starts from the engine's defaults.
     *
     * @param <M> the material type
     * @param <P> the product type
     */
    public static final class Builder<M extends Material, P extends Product> {
        private final Blueprint<M, P> blueprint;
        private Duration contract;
        private Duration inspection;
        private int rosterCap;
        private FailurePolicy failurePolicy;
        private boolean eventTime;
        private Instant start = Instant.EPOCH;

        private Builder(Blueprint<M, P> blueprint) {
            this.blueprint = Objects.requireNonNull(blueprint, "blueprint");
            settings(FactorySettings.defaults());
        }

        /**
         * Takes the contract, inspection interval, roster cap, failure policy and event-time
         * switch of {@code settings}; the rest (workshops, capacities, shipping) does not apply
         * to a rehearsal, which runs one workshop whose roster cap is the whole cap.
         *
         * @param settings engine settings
         * @return this builder
         */
        public Builder<M, P> settings(FactorySettings settings) {
            Objects.requireNonNull(settings, "settings");
            contract = settings.contract();
            inspection = settings.inspection();
            rosterCap = settings.rosterCap();
            failurePolicy = settings.failurePolicy();
            eventTime = settings.eventTime();
            return this;
        }

        /**
         * Sets the idle timeout after which a worker retires; see {@link FactorySettings#contract()}.
         *
         * @param value a positive duration
         * @return this builder
         */
        public Builder<M, P> contract(Duration value) {
            contract = value;
            return this;
        }

        /**
         * Sets how often live workers are inspected, zero for never; see
         * {@link FactorySettings#inspection()}.
         *
         * @param value zero or a positive duration
         * @return this builder
         */
        public Builder<M, P> inspection(Duration value) {
            inspection = value;
            return this;
        }

        /**
         * Sets the most live workers; see {@link FactorySettings#rosterCap()}.
         *
         * @param value at least one
         * @return this builder
         */
        public Builder<M, P> rosterCap(int value) {
            rosterCap = value;
            return this;
        }

        /**
         * Sets what a throwing blueprint does; see {@link FactorySettings#failurePolicy()}.
         *
         * @param value the policy
         * @return this builder
         */
        public Builder<M, P> failurePolicy(FailurePolicy value) {
            failurePolicy = value;
            return this;
        }

        /**
         * Sets whether materials' event times move the clock; see {@link FactorySettings#eventTime()}.
         *
         * @param value true for event time
         * @return this builder
         */
        public Builder<M, P> eventTime(boolean value) {
            eventTime = value;
            return this;
        }

        /**
         * Sets where the clock starts; default {@link Instant#EPOCH}.
         *
         * @param value the first reading of the clock
         * @return this builder
         */
        public Builder<M, P> start(Instant value) {
            start = value;
            return this;
        }

        /**
         * Builds the rehearsal, validating the settings as {@link FactorySettings} does.
         *
         * @return a new rehearsal, clock at the start instant, no live workers
         * @throws IllegalArgumentException naming the first bad setting, its value and the fix
         */
        public Rehearsal<M, P> build() {
            Objects.requireNonNull(start, "start");
            FactorySettings.builder().contract(contract).inspection(inspection).rosterCap(rosterCap)
                    .workshops(1).failurePolicy(failurePolicy).build();
            return new Rehearsal<>(this);
        }
    }
}
