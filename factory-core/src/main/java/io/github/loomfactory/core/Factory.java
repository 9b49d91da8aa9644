package io.github.loomfactory.core;

import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.FactoryException;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Warehouse;
import io.github.loomfactory.core.internal.production.EventClock;
import io.github.loomfactory.core.internal.production.ProductionLine;
import io.github.loomfactory.core.internal.production.PurchaseClock;
import io.github.loomfactory.core.internal.production.Schedule;
import io.github.loomfactory.core.internal.production.Workshop;
import io.github.loomfactory.core.internal.supervision.Failures;
import io.github.loomfactory.core.internal.supervision.HeapBudget;
import io.github.loomfactory.core.internal.supervision.Remnants;
import io.github.loomfactory.core.internal.supervision.Structured;
import io.github.loomfactory.core.internal.supervision.Supervisor;
import io.github.loomfactory.core.internal.supervision.Tally;
import io.github.loomfactory.core.internal.supervision.Threads;
import io.github.loomfactory.core.internal.transport.Driver;
import io.github.loomfactory.core.internal.transport.Stevedore;
import io.github.loomfactory.core.internal.transport.TransportationLine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The factory (the CEO): runs one {@link Blueprint} over a stream of materials, one virtual
 * thread per live pid, and ships the products to a {@link Warehouse}.
 *
 * <p>Starting a factory starts its departments under one root structured scope: a director per
 * workshop (each owning the workshop's scope, into which it forks the workers), the
 * transportation department (stevedore and driver) and the supervisor. Materials are
 * {@linkplain #purchase purchased} from any number of threads and routed by a spread hash of
 * their pid to a workshop's bounded production line; purchasing blocks while that line is full.
 * {@link #close()} drains: it stops purchasing, lets every queued material be handled, retires
 * every worker, ships everything and closes the warehouse. Every method is thread-safe.
 *
 * <p>Embedded in a program, with the {@code Totals} blueprint of {@link Blueprint}'s Javadoc:
 * {@snippet file="io/github/loomfactory/core/FactorySnippetTest.java" region="factory"}
 *
 * <p>A factory needs {@code --enable-preview} at run time ({@code StructuredTaskScope}, a preview
 * API in JDK 25): without it {@link Builder#start()} throws an {@link IllegalStateException} that
 * names the flag. A modular program {@code requires io.github.loomfactory.core}, which brings the
 * api with it. The engine logs through SLF4J 2, so put a provider on the path (e.g.
 * {@code org.slf4j:slf4j-simple}): without one SLF4J prints a single warning and then drops every
 * log line, the engine's warnings and errors (a failing warehouse, a throwing blueprint) included.
 *
 * @param <M> the material type
 * @param <P> the product type
 */
public final class Factory<M extends Material, P extends Product> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Factory.class);

    // states: OPEN -> CLOSING -> CLOSED; a failure is recorded by the failure desk whatever the state
    private static final int OPEN = 0;
    private static final int CLOSING = 1;
    private static final int CLOSED = 2;

    // what the departments share; each is handed only the parts it uses
    private final FactorySettings settings;
    private final Tally tally = new Tally();
    private final Remnants<M, P> remnants = new Remnants<>();
    private final Failures<M> failures;
    private final TransportationLine<P> transport;
    private final PurchaseClock purchaseClock;
    private final EventClock eventClock = new EventClock();
    /** Settled positions of durable sources' lanes. */
    private final Ledger ledger;
    private final List<Workshop<M, P>> workshops;
    private final Workshop<M, P>[] routes;
    private final Stevedore<P> stevedore;
    private final Supervisor supervisor;
    private final Thread ceo;
    /** Closes the factory if the JVM exits before anyone did, so an unclosed factory still ships. */
    private final Thread atExit;
    private final AtomicInteger purchasers = new AtomicInteger();
    private final Object closing = new Object();
    private volatile int state = OPEN;
    private volatile Rates rates;
    private Leftovers<M, P> leftovers;

    @SuppressWarnings("unchecked")
    private Factory(Blueprint<M, P> blueprint, Warehouse<P> warehouse, FactorySettings settings,
            Consumer<? super Rejection<M>> deadLetters) {
        this.settings = settings;
        this.failures = new Failures<>(settings.failurePolicy(), blueprint.name(), deadLetters, tally, remnants.refused);
        // the stevedore polls every few milliseconds anyway, so it is woken only for a full batch
        this.transport = new TransportationLine<>(settings.transportCapacity(),
                Math.min(settings.shipmentSize(), settings.transportCapacity() / 2));
        this.purchaseClock = new PurchaseClock(settings.clock());
        this.ledger = new Ledger(settings.clock());
        var list = new ArrayList<Workshop<M, P>>(settings.workshops());
        for (int i = 0; i < settings.workshops(); i++) {
            list.add(new Workshop<>(i, settings, blueprint, tally, transport, remnants, failures, purchaseClock, eventClock, ledger));
        }
        this.workshops = List.copyOf(list);
        failures.onFailureStop(() -> workshops.forEach(Workshop::stop));
        this.routes = list.toArray(Workshop[]::new);
        this.stevedore = new Stevedore<>(transport, new Driver<>(warehouse, tally, settings), remnants, settings,
                failures::fail);
        this.supervisor = new Supervisor(this::supervise, settings.statusInterval(), settings.clock());
        this.rates = new Rates(settings.clock().millis(), 0, 0);
        this.ceo = Threads.unstarted("factory", this::run);
        this.atExit = Threads.unstartedPlatform("factory-close-at-exit", this::closeAtExit);
    }

    /**
     * Returns a builder of a factory that runs {@code blueprint} and ships to {@code warehouse}.
     *
     * @param blueprint the user's logic
     * @param warehouse where products go; closed when the factory closes
     * @param <M> the material type
     * @param <P> the product type
     * @return a builder with default settings and no dead-letter handler
     */
    public static <M extends Material, P extends Product> Builder<M, P> builder(Blueprint<M, P> blueprint,
            Warehouse<P> warehouse) {
        return new Builder<>(blueprint, warehouse);
    }

    /**
     * Buys one material: routes it to its workshop's production line, waiting while that line is
     * full. Once this returns, the material is accepted: it will reach its assembly, or be handed
     * back (dead letters, leftovers of an abort), never dropped.
     *
     * @param material the material
     * @throws NullPointerException if {@code material} or its pid is null
     * @throws IllegalStateException if the factory is closing or closed
     * @throws FactoryException if the factory has failed
     * @throws InterruptedException if interrupted while waiting for room; the material is not accepted
     */
    public void purchase(M material) throws InterruptedException {
        Objects.requireNonNull(material, "material");
        Object pid = Objects.requireNonNull(material.pid(), () -> "pid of material " + material);
        purchasers.incrementAndGet();
        try {
            if (state != OPEN) {
                throw new IllegalStateException("factory is closed: purchase before close()");
            }
            checkNotFailed();
            var line = routes[route(pid)].line;
            long time = eventTime(material);
            if (!line.offer(material, 0, TimeUnit.MILLISECONDS)) {
                purchaseClock.holdBack();
                try {
                    // the line ends (and so signals this wait) when the factory closes or its workshop stops
                    line.put(material);
                } catch (IllegalStateException ended) {
                    checkNotFailed();
                    throw new IllegalStateException("factory closed while the purchase waited for room: not accepted");
                } finally {
                    purchaseClock.letGo();
                }
            }
            tally.purchased.increment();
            if (time != Schedule.NO_TIME) {
                eventClock.advance(time);
            }
        } finally {
            leavePurchasing();
        }
    }

    /**
     * On event time, the material's time in milliseconds, marked as the origin of every
     * workshop's inspection ticks if it is the first; {@link Schedule#NO_TIME} on wall time or if
     * it has none. Read before the material is offered, so no director sees a material before
     * the origin is set.
     */
    private long eventTime(M material) {
        if (!settings.eventTime()) {
            return Schedule.NO_TIME;
        }
        var time = material.eventTime();
        if (time.isEmpty()) {
            return Schedule.NO_TIME;
        }
        return marked(time.get().toEpochMilli());
    }

    /** On event time, marks {@code millis} as the origin if it is the first and returns it; {@link Schedule#NO_TIME} on wall time. */
    private long marked(long millis) {
        if (!settings.eventTime()) {
            return Schedule.NO_TIME;
        }
        eventClock.markOrigin(millis);
        return millis;
    }

    /**
     * Opens a lane of a durable source, such as a Kafka partition, whose positions start at
     * {@code start} (the position the source resumes from). Materials bought into it with
     * {@link #offer(Material, Lane, long)} are tracked until settled; {@link Lane#settled()} tells
     * the position below which all of them are.
     *
     * @param name the lane's name, unique among open lanes, e.g. {@code "orders-3"}
     * @param start the first position the source will purchase or pass
     * @return the open lane
     * @throws IllegalStateException if a lane of that name is open
     */
    public Lane openLane(String name, long start) {
        return ledger.open(Objects.requireNonNull(name, "name"), start);
    }

    /**
     * Buys one material of a lane at {@code position} if its production line has room now, without
     * waiting: a durable source that gets {@code false} holds the material back (say, pauses its
     * partition) and offers it again later. Positions of one lane must be offered in increasing
     * order, from one thread at a time.
     *
     * @param material the material
     * @param lane the lane it comes from
     * @param position its position in the lane (a Kafka offset)
     * @return true if the material was accepted, false if its line was full
     * @throws NullPointerException if an argument or the material's pid is null
     * @throws IllegalStateException if the factory is closing or closed, or the lane is closed
     * @throws FactoryException if the factory has failed
     * @throws InterruptedException if interrupted while taking the line's lock
     */
    public boolean offer(M material, Lane lane, long position) throws InterruptedException {
        return offer(material, lane, position, ProductionLine.NO_TIME);
    }

    /**
     * Buys one material of a lane as {@link #offer(Material, Lane, long)} does, with an event time
     * that its source knows (say, a Kafka record's timestamp) in place of the material's own
     * {@link Material#eventTime()}: a factory on event time takes its clock from {@code eventTime}.
     * On wall time it is ignored.
     *
     * @param material the material
     * @param lane the lane it comes from
     * @param position its position in the lane (a Kafka offset)
     * @param eventTime when the material happened, as its source tells
     * @return true if the material was accepted, false if its line was full
     * @throws NullPointerException if an argument or the material's pid is null
     * @throws IllegalStateException if the factory is closing or closed, or the lane is closed
     * @throws FactoryException if the factory has failed
     * @throws InterruptedException if interrupted while taking the line's lock
     */
    public boolean offer(M material, Lane lane, long position, Instant eventTime) throws InterruptedException {
        return offer(material, lane, position, Objects.requireNonNull(eventTime, "eventTime").toEpochMilli());
    }

    private boolean offer(M material, Lane lane, long position, long eventMillis) throws InterruptedException {
        Objects.requireNonNull(material, "material");
        Objects.requireNonNull(lane, "lane");
        Object pid = Objects.requireNonNull(material.pid(), () -> "pid of material " + material);
        purchasers.incrementAndGet();
        try {
            if (state != OPEN) {
                throw new IllegalStateException("factory is closed: offer before close()");
            }
            checkNotFailed();
            var line = routes[route(pid)].line;
            long time = eventMillis == ProductionLine.NO_TIME ? eventTime(material) : marked(eventMillis);
            boolean accepted = false;
            synchronized (ledger) {
                long epoch = ledger.hold();
                try {
                    accepted = line.offer(material, epoch, settings.eventTime() ? eventMillis : ProductionLine.NO_TIME, 0,
                            TimeUnit.MILLISECONDS);
                    if (accepted) {
                        ledger.record(lane, epoch, position);
                    }
                } finally {
                    if (!accepted) {
                        ledger.settle(epoch);
                    }
                }
            }
            if (!accepted) {
                return false;
            }
            tally.purchased.increment();
            if (time != Schedule.NO_TIME) {
                eventClock.advance(time);
            }
            return true;
        } finally {
            leavePurchasing();
        }
    }

    /**
     * Records a position of a lane that brings no material (a record that could not be decoded
     * and was reported elsewhere): it settles together with the positions before it, so it never
     * holds its lane back.
     *
     * @param lane the lane
     * @param position the position, after every position offered so far
     * @throws IllegalStateException if the lane is closed
     */
    public void pass(Lane lane, long position) {
        ledger.pass(Objects.requireNonNull(lane, "lane"), position);
    }

    /**
     * Returns, per open lane, the position below which every material of it is settled.
     *
     * @return lane name to settled position, in the order the lanes were opened
     */
    public java.util.Map<String, Long> settledPositions() {
        return ledger.settledPositions();
    }

    /**
     * Buys every material of {@code source}, in order, until it ends or the factory starts closing.
     *
     * @param source the materials
     * @return how many materials were purchased
     * @throws FactoryException if the factory has failed
     * @throws InterruptedException if interrupted while waiting for room
     */
    public long purchaseAll(Iterable<? extends M> source) throws InterruptedException {
        long bought = 0;
        for (M material : source) {
            if (state != OPEN) {
                break;
            }
            try {
                purchase(material);
            } catch (IllegalStateException closed) {
                break;
            }
            bought++;
        }
        return bought;
    }

    /**
     * Returns a snapshot of the factory's counters, backlogs and rosters. Cheap enough to call
     * every second; rates cover the time since the supervisor's last status line.
     *
     * @return the current stats
     */
    public FactoryStats stats() {
        long at = settings.clock().millis();
        long purchased = tally.purchased.sum();
        long shipped = tally.shipped.sum();
        List<Integer> backlogs = new ArrayList<>(workshops.size());
        List<Integer> rosters = new ArrayList<>(workshops.size());
        long onBelts = 0;
        long beltWaits = 0;
        long retiring = 0;
        long lineSlots = 0;
        for (var workshop : workshops) {
            backlogs.add(workshop.line.size());
            rosters.add(workshop.rosterSize());
            onBelts += workshop.belts.held();
            beltWaits += workshop.belts.waits();
            retiring += workshop.retiringSize();
            lineSlots += workshop.line.capacity();
        }
        Rates base = rates;
        double seconds = (at - base.at) / 1000.0;
        double purchaseRate = seconds > 0 ? (purchased - base.purchased) / seconds : 0;
        double shipRate = seconds > 0 ? (shipped - base.shipped) / seconds : 0;
        long lineBacklog = backlogs.stream().mapToLong(Integer::longValue).sum();
        long live = rosters.stream().mapToLong(Integer::longValue).sum();
        long transportBacklog = transport.size() + stevedore.bayed();
        return new FactoryStats(Instant.ofEpochMilli(at), purchased, tally.processed.sum(), tally.rejected.sum(),
                tally.failures.sum(), tally.emitted.sum(), shipped, tally.hires.sum(), tally.retirements.sum(),
                backlogs, rosters, transportBacklog, purchaseRate, shipRate, tally.earlyRetirements.sum(),
                HeapBudget.held(lineBacklog + onBelts, live + retiring, transportBacklog, lineSlots),
                tally.shipments.perPclass(), tally.retirementsPerReason(), tally.shipments.recent(),
                eventClock.watermark() == Long.MIN_VALUE ? Instant.MIN : Instant.ofEpochMilli(eventClock.watermark()),
                ledger.used() ? ledger.settledPositions() : java.util.Map.of(),
                java.time.Duration.ofMillis(ledger.used() ? ledger.oldestUnsettledMillis() : 0), beltWaits);
    }

    private FactoryStats supervise() {
        FactoryStats snapshot = stats();
        rates = new Rates(snapshot.at().toEpochMilli(), snapshot.purchased(), snapshot.shipped());
        return snapshot;
    }

    /**
     * Drains and closes the factory: stops purchasing, lets every queued material reach its
     * assembly, retires every worker, ships every product and closes the warehouse. Idempotent.
     *
     * <p>If this thread is interrupted while waiting, the factory is aborted at once and what it
     * left is reported in the exception.
     *
     * @throws FactoryException if the factory failed (a blueprint under {@link FailurePolicy#FAIL},
     *     a warehouse out of retries), with the first cause and what was left undone
     */
    @Override
    public void close() {
        synchronized (closing) {
            if (state != CLOSED) {
                stopPurchasing();
                try {
                    ceo.join();
                } catch (InterruptedException e) {
                    ceo.interrupt();
                    awaitCeo();
                    Thread.currentThread().interrupt();
                }
                finish();
            }
            throwIfFailed();
        }
    }

    /**
     * Closes the factory, giving the drain at most {@code deadline}; what is not done by then is
     * cancelled and handed back. Idempotent: a second call returns the first call's leftovers.
     *
     * @param deadline how long the drain may take
     * @return what was left undone: empty if the drain finished in time
     */
    public Leftovers<M, P> abort(Duration deadline) {
        Objects.requireNonNull(deadline, "deadline");
        synchronized (closing) {
            if (state != CLOSED) {
                stopPurchasing();
                boolean interrupted = false;
                try {
                    if (!ceo.join(deadline)) {
                        ceo.interrupt();
                    }
                } catch (InterruptedException e) {
                    ceo.interrupt();
                    interrupted = true;
                }
                awaitCeo();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                finish();
            }
            if (leftovers.isEmpty() && !failures.failed()) {
                return leftovers;
            }
            LOG.warn("factory aborted: {}", leftovers);
            return leftovers;
        }
    }

    /** The shutdown hook of a factory no one closed: says so, then drains it. */
    private void closeAtExit() {
        if (state == CLOSED) {
            return;
        }
        // standard error, not the logger: at exit the logging backend may have shut down already,
        // and a library used without an SLF4J provider would say nothing at all
        System.err.println("loom factory: a factory was never closed: draining it as the JVM exits ("
                + tally.purchased.sum() + " purchased, " + tally.shipped.sum()
                + " shipped so far); close it (try-with-resources) before the program ends");
        try {
            close();
        } catch (RuntimeException e) {
            LOG.error("the unclosed factory failed while it drained at exit", e);
        }
    }

    private void forgetAtExit() {
        try {
            Runtime.getRuntime().removeShutdownHook(atExit);
        } catch (IllegalStateException exiting) {
            // the JVM is exiting: the hook finds the factory closed, or is the caller
        }
    }

    /** Returns the settings this factory runs with. */
    public FactorySettings settings() {
        return settings;
    }

    private void awaitCeo() {
        boolean interrupted = false;
        while (true) {
            try {
                ceo.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void checkNotFailed() {
        if (failures.failed()) {
            throw new FactoryException("factory has failed: " + failures.failure(), failures.failure());
        }
    }

    private int route(Object pid) {
        return route(pid, routes.length);
    }

    /** The workshop, of {@code workshops}, that {@code pid}'s materials go to. */
    static int route(Object pid, int workshops) {
        int h = pid.hashCode();
        h = (h ^ (h >>> 16)) * 0x9E3779B9;
        return (int) (((h & 0xFFFF_FFFFL) * workshops) >>> 32);
    }

    /** A purchase (or offer) under way returns; the last one wakes a {@link #stopPurchasing()} waiting for it. */
    private void leavePurchasing() {
        if (purchasers.decrementAndGet() == 0 && state != OPEN) {
            synchronized (purchasers) {
                purchasers.notifyAll();
            }
        }
    }

    /**
     * Stops purchasing: no purchase starts after this, the lines end (which releases every
     * purchase waiting for room), and it returns once every purchase under way has returned.
     */
    private void stopPurchasing() {
        if (state == OPEN) {
            state = CLOSING;
        }
        for (var workshop : workshops) {
            workshop.line.end();
        }
        synchronized (purchasers) {
            boolean interrupted = false;
            while (purchasers.get() > 0) {
                try {
                    purchasers.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Collects leftovers once every department has stopped. Each material is handed back exactly
     * once: on failure to the dead-letter handler (the leftovers keep only what it refused),
     * otherwise in the leftovers.
     */
    @SuppressWarnings("unchecked")
    private void finish() {
        List<M> left = new ArrayList<>(remnants.materials);
        remnants.materials.clear();
        for (var workshop : workshops) {
            for (Object item : workshop.line.clear()) {
                left.add((M) item);
            }
        }
        remnants.products.addAll(transport.clear());
        if (failures.failed()) {
            var cause = new Unprocessed(failures.failure());
            left.removeIf(material -> failures.deadLetter(material, material.pid(), cause));
        }
        leftovers = remnants.toLeftovers(left);
        if (!failures.failed() && leftovers.isEmpty()) {
            ledger.drained();
        }
        state = CLOSED;
        forgetAtExit();
    }

    private void throwIfFailed() {
        Throwable failure = failures.failure();
        if (failure == null) {
            return;
        }
        String left = leftovers.isEmpty() ? "" : " (" + leftovers + ")";
        throw new FactoryException((failure instanceof FactoryException ? failure.getMessage() : "factory failed: " + failure) + left,
                failure);
    }

    private void run() {
        try {
            var naming = new Threads.Naming();
            var directorsLeft = new AtomicInteger(workshops.size());
            Structured.run("factory", naming, forker -> {
                for (var workshop : workshops) {
                    naming.next("workshop-" + workshop.index + "/director");
                    forker.fork(() -> {
                        try {
                            workshop.direct();
                        } catch (Workshop.Stopped stopped) {
                            // the factory failed elsewhere: its failure is recorded there
                        } catch (InterruptedException cancelled) {
                            // aborted, or stopped by a failure recorded elsewhere: the director's
                            // leftovers are collected
                            Thread.currentThread().interrupt();
                        } catch (Exception | Error e) {
                            // recorded, not thrown: a thrown failure would cancel the stevedore,
                            // while the failure only stops the workshops and the products made
                            // before it still ship as the transportation line ends (close() rethrows it)
                            failures.fail(e);
                        } finally {
                            if (directorsLeft.decrementAndGet() == 0) {
                                transport.end();
                            }
                        }
                    });
                }
                naming.nextPlatform("transportation/stevedore");
                forker.fork(() -> {
                    try {
                        stevedore.work();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException | Error e) {
                        failures.fail(e);
                        throw e;
                    } finally {
                        supervisor.stop();
                    }
                });
                if (!settings.statusInterval().isZero()) {
                    naming.next("supervision/supervisor");
                    forker.fork(supervisor::watch);
                }
            });
        } catch (InterruptedException e) {
            LOG.debug("factory cancelled");
            Thread.currentThread().interrupt();
        } catch (Exception | Error e) {
            failures.fail(e); // whatever stops a department fails the factory: close() rethrows it
        }
    }

    /** The baseline of the rates in {@link #stats()}. */
    private record Rates(long at, long purchased, long shipped) {
    }

    /**
     * Configures and starts a {@link Factory}; not thread-safe.
     *
     * @param <M> the material type
     * @param <P> the product type
     */
    public static final class Builder<M extends Material, P extends Product> {
        private final Blueprint<M, P> blueprint;
        private final Warehouse<P> warehouse;
        private FactorySettings settings = FactorySettings.defaults();
        private Consumer<? super Rejection<M>> deadLetters = rejection -> { };

        private Builder(Blueprint<M, P> blueprint, Warehouse<P> warehouse) {
            this.blueprint = Objects.requireNonNull(blueprint, "blueprint");
            this.warehouse = Objects.requireNonNull(warehouse, "warehouse");
        }

        /**
         * Sets the settings; default {@link FactorySettings#defaults()}.
         *
         * @param settings the settings
         * @return this builder
         */
        public Builder<M, P> settings(FactorySettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Sets who receives rejected materials; called on the worker's thread, so it must be
         * thread-safe. Default: none (rejections are still logged and counted).
         *
         * @param handler the dead-letter handler
         * @return this builder
         */
        public Builder<M, P> deadLetters(Consumer<? super Rejection<M>> handler) {
            this.deadLetters = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Starts the factory: its departments are running when this returns.
         *
         * @return the running factory; close it to drain
         * @throws IllegalArgumentException if the settings' worst case
         *     ({@link FactorySettings#worstCaseHeap()}) exceeds this JVM's whole heap, naming the
         *     largest part, e.g. "roster cap 4,194,304 x ~2 KB per worker = 8 GB, heap 256 MB"
         */
        public Factory<M, P> start() {
            requirePreviewFeatures();
            HeapBudget.refuseOver(settings, HeapBudget.thisHeap());
            if (settings.primer()) {
                Primer.primeOnce();
            }
            var factory = new Factory<>(blueprint, warehouse, settings, deadLetters);
            factory.ceo.start();
            Runtime.getRuntime().addShutdownHook(factory.atExit);
            return factory;
        }

        /**
         * Refuses at once when the JVM runs without preview features: the departments' scopes
         * ({@link Structured}, the one class that uses a preview API) could not even be loaded,
         * and every material would be lost.
         */
        private static void requirePreviewFeatures() {
            try {
                Class.forName("io.github.loomfactory.core.internal.supervision.Structured", true, Factory.class.getClassLoader());
            } catch (UnsupportedClassVersionError | ClassNotFoundException e) {
                throw new IllegalStateException("Loom Factory needs the JDK's preview features (StructuredTaskScope, JDK 25):"
                        + " run java with --enable-preview (" + e.getMessage() + ")");
            }
        }
    }
}
