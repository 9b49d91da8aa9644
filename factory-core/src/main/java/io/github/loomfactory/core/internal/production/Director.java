package io.github.loomfactory.core.internal.production;

import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Retirement;
import io.github.loomfactory.core.FactorySettings;
import io.github.loomfactory.core.internal.supervision.Failures;
import io.github.loomfactory.core.internal.supervision.Flight;
import io.github.loomfactory.core.internal.supervision.Structured;
import io.github.loomfactory.core.internal.supervision.Threads;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The director of one {@link Workshop}: takes materials off its production line in batches and
 * hands each to its pid's worker, hiring one if the pid has none.
 *
 * <p>The director is the only thread that reads the production line, touches the roster, forks
 * workers (into the workshop's structured scope, which it owns) and delivers to their belts, so
 * none of that needs a lock. Contracts, inspections and the roster cap are the {@link Schedule}'s
 * decisions, kept in bulk on a roster ordered by last activity; the director carries them out
 * ({@link Schedule.Effects}): it tells a worker to retire, or puts an {@link Inspection} on its
 * belt. No timer is set per material.
 *
 * <p>Retiring is a handshake with the worker: the director removes it from the roster and then
 * tells it to retire, after every material it had delivered, so the worker retires after its
 * last material and nothing is ever delivered to a retired worker. A material for the same pid
 * arriving meanwhile hires a new worker, which waits for its predecessor to finish before it
 * starts, so one pid's products keep their order.
 *
 * <p>Time is the factory's clock as each material was purchased (its line stamps it), or with
 * event time the materials' own timestamps: the director's clock advances with each material
 * taken and, when the line is empty, to the clock's time then (event time: the latest time
 * purchased). A backlog on the line therefore never expires the contract of a pid whose next
 * material is already waiting.
 */
final class Director<M extends Material, P extends Product> implements Schedule.Effects<Worker<M, P>, InterruptedException> {
    private final Workshop<M, P> workshop;
    private final ProductionLine<Object> line;
    private final BeltLoad belts;
    private final int beltCapacity;
    private final Failures<M> failures;
    private final PurchaseClock purchaseClock;
    private final EventClock eventClock;
    private final Settlement settlement;
    private final boolean eventTime;
    private final Duration settleWithin;

    private final Schedule<Worker<M, P>, InterruptedException> schedule;
    private final Roster<Worker<M, P>> roster;
    private final HashMap<Object, Worker<M, P>> retiring = new HashMap<>();
    private final Threads.Naming naming = new Threads.Naming();
    private final int rosterCap;
    private final boolean workerNames;
    private final long tickNanos;
    private volatile int rosterSize;
    private Worker<?, ?>[] toWake = new Worker<?, ?>[64];
    private int wakes;
    private int sweepAt = 1024;
    /** Set once every worker on the roster has been told to retire for the drain. */
    private boolean drained;
    /** The last inspection put on belts: one per tick, shared by every worker inspected then. */
    private Inspection inspection;

    Director(Workshop<M, P> workshop, FactorySettings settings, PurchaseClock purchaseClock, EventClock eventClock,
            Settlement settlement) {
        this.workshop = workshop;
        this.line = workshop.line;
        this.belts = workshop.belts;
        this.beltCapacity = workshop.beltCapacity;
        this.failures = workshop.failures;
        this.purchaseClock = purchaseClock;
        this.eventClock = eventClock;
        this.settlement = settlement;
        this.eventTime = settings.eventTime();
        this.settleWithin = settings.settleWithin();
        this.rosterCap = settings.rosterCapPerWorkshop();
        this.workerNames = settings.workerNames();
        naming.next("workshop-" + workshop.index + "/worker");
        long inspectionMillis = settings.inspection().toMillis();
        long tick = Math.min(settings.contract().toNanos() / 4, TimeUnit.MILLISECONDS.toNanos(50));
        if (inspectionMillis > 0) {
            tick = Math.min(tick, settings.inspection().toNanos() / 4);
        }
        this.tickNanos = Math.max(tick, TimeUnit.MILLISECONDS.toNanos(1));
        this.schedule = new Schedule<>(Math.max(1, settings.contract().toMillis()), inspectionMillis, rosterCap, this);
        this.roster = schedule.roster();
    }

    int rosterSize() {
        return rosterSize;
    }

    /** The director's job, run on its own thread until the line ends or the factory fails. */
    void direct() throws Exception {
        workshop.directorThread = Thread.currentThread();
        try {
            Structured.run("workshop-" + workshop.index, naming, this::dispatchAll);
        } finally {
            line.end(); // a purchase waiting for room learns at once that this workshop has stopped
            collectLeftovers();
        }
    }

    @SuppressWarnings("unchecked")
    private void dispatchAll(Structured.Forker forker) throws Exception {
        if (!eventTime) {
            schedule.start(purchaseClock.getAsLong());
        }
        ArrayList<Object> batch = new ArrayList<>();
        // at most half the line at once, delivered before their workers are woken: large, so that
        // under load a woken worker finds several materials on its belt; half, so that purchasing
        // has room meanwhile (a purchase waiting for room does not count against contracts)
        int most = Math.max(1, line.capacity() / 2);
        long[] purchased = eventTime ? null : new long[most];
        while (true) {
            if (failures.failed()) {
                throw new Workshop.Stopped();
            }
            wakeAll();
            if (belts.full()) {
                awaitBelts();
            }
            int taken = line.takeAll(batch, purchased, most, tickNanos);
            boolean ended = taken < 0;
            if (ended) {
                if (eventTime) {
                    // purchasing has stopped, so the watermark is final: contracts that ran out by
                    // the last event time end IDLE before the rest drain, however the end raced
                    advanceClock(eventClock.watermark());
                }
                retireAll();
                return;
            }
            int i = 0;
            try {
                if (taken == 0 && !eventTime) {
                    // may wait for room on a full belt to retire or inspect: the batch is held meanwhile
                    advanceClock(line.emptyAt());
                }
                long[] epochs = line.takenEpochs();
                long[] times = line.takenTimes();
                for (; i < batch.size(); i++) {
                    M material = (M) batch.get(i);
                    if (eventTime) {
                        if (times != null && times[i] != ProductionLine.NO_TIME) {
                            advanceClock(times[i]);
                        } else {
                            advanceTo(material);
                        }
                    } else {
                        advanceClock(purchased[i]);
                    }
                    Worker<M, P> worker = dispatch(material, forker);
                    if (epochs != null && epochs[i] >= 0) {
                        holds().delivered(worker, epochs[i]);
                    }
                }
            } catch (InterruptedException | RuntimeException e) {
                wakeAll();
                for (; i < batch.size(); i++) {
                    workshop.leftovers.materials.add((M) batch.get(i));
                }
                throw e;
            }
            belts.delivered(batch.size());
            batch.clear();
            if (workshop.holds != null) {
                retireOverdue();
            }
            if (eventTime) {
                // watermark first: purchase() offers a material before it advances the watermark, so
                // with one purchaser buying in time order, a line still empty after this read holds no
                // material older than the mark
                long watermark = eventClock.watermark();
                if (line.size() == 0) {
                    advanceClock(watermark);
                }
            }
            if (retiring.size() >= sweepAt) {
                retiring.values().removeIf(Worker::finished);
                sweepAt = Math.max(1024, 2 * retiring.size());
            }
        }
    }

    private void advanceTo(M material) throws InterruptedException {
        var time = material.eventTime();
        if (time.isPresent()) {
            advanceClock(time.get().toEpochMilli());
        }
    }

    /**
     * Moves the director's clock forward to {@code target}: the {@link Schedule} retires and
     * inspects on the way in time order, so that on event time the same data gives the same
     * retirements and inspections however it was batched.
     */
    private void advanceClock(long target) throws InterruptedException {
        if (schedule.now() == Schedule.NO_TIME) {
            if (target == Schedule.NO_TIME) {
                return;
            }
            // event time: inspection ticks count from the first time purchased, whichever workshop
            // it went to, so that every workshop ticks alike (purchasing marks the origin first)
            long origin = eventClock.origin();
            schedule.start(origin != Schedule.NO_TIME && origin < target ? origin : target);
        }
        schedule.advanceTo(target);
    }

    private Worker<M, P> dispatch(M material, Structured.Forker forker) throws InterruptedException {
        Object pid = material.pid();
        Worker<M, P> worker = schedule.touch(pid);
        if (worker == null) {
            worker = hire(pid, forker);
        }
        deliver(worker, material);
        return worker;
    }

    /**
     * Puts {@code item} on {@code worker}'s belt; on a full belt it first wakes the workers it
     * delivered to and waits for room.
     */
    private void deliver(Worker<M, P> worker, Object item) throws InterruptedException {
        int backlog = worker.backlog();
        if (backlog >= beltCapacity) {
            wakeAll();
            worker.awaitRoom();
        }
        if (worker.deliver(item, backlog)) {
            toWake(worker);
        }
    }

    private void toWake(Worker<M, P> worker) {
        if (wakes == toWake.length) {
            toWake = Arrays.copyOf(toWake, wakes * 2);
        }
        toWake[wakes++] = worker;
    }

    /** Wakes every worker that got its first item since the last call. */
    private void wakeAll() {
        for (int i = 0; i < wakes; i++) {
            toWake[i].wake();
            toWake[i] = null;
        }
        wakes = 0;
    }

    /**
     * Waits until a retiring worker has finished, so that live and retiring workers together stay
     * under the roster cap: a stuck retirement (say, behind a full transportation line) then holds
     * the director back, and so purchasing, instead of letting successors pile up.
     */
    private void awaitRetirement() throws InterruptedException {
        wakeAll();
        var retiringAlive = workshop.retiringAlive;
        while (roster.size() + retiringAlive.get() >= rosterCap) {
            if (failures.failed()) {
                throw new Workshop.Stopped();
            }
            workshop.awaitingRetirement = true;
            if (roster.size() + retiringAlive.get() >= rosterCap) {
                LockSupport.parkNanos(this, tickNanos);
            }
            workshop.awaitingRetirement = false;
            Threads.throwIfInterrupted("waiting for a retirement");
        }
    }

    /**
     * Waits while this workshop's belts hold {@link FactorySettings#beltLoad()} materials or more
     * ({@link BeltLoad}); the workers it waits for were woken first.
     */
    private void awaitBelts() throws InterruptedException {
        belts.waitBegins();
        wakeAll();
        while (belts.full()) {
            if (failures.failed()) {
                throw new Workshop.Stopped();
            }
            belts.await(tickNanos);
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("director interrupted while its belts were full");
            }
        }
    }

    /** The holds of this workshop's workers on settled positions, made when the first positioned material comes. */
    private Holds holds() {
        Holds made = workshop.holds;
        if (made == null) {
            made = new Holds(settlement, workshop.transport, settleWithin, workshop.keepsNothing);
            workshop.holds = made;
        }
        return made;
    }

    /** Retires the workers that have held a positioned material unsettled for longer than the bound. */
    @SuppressWarnings("unchecked")
    private void retireOverdue() {
        long nowMillis = settlement.nowMillis();
        for (Worker<?, ?> overdue; (overdue = workshop.holds.overdue(nowMillis)) != null; ) {
            schedule.dismiss((Worker<M, P>) overdue, Retirement.OVERDUE);
        }
    }

    private Worker<M, P> hire(Object pid, Structured.Forker forker) throws InterruptedException {
        schedule.makeRoom();
        if (roster.size() + workshop.retiringAlive.get() >= rosterCap) {
            awaitRetirement();
        }
        var worker = new Worker<>(pid, workshop);
        Worker<M, P> previous = retiring.remove(pid);
        if (previous != null && !previous.finished()) {
            worker.follow(previous);
        }
        schedule.add(worker);
        rosterSize = roster.size();
        if (workerNames) {
            naming.next("worker-" + pid);
        }
        forker.fork(worker);
        workshop.tally.hires.increment();
        Flight.hired(workshop.index, pid);
        return worker;
    }

    /**
     * Carries out a retirement the schedule decided: tells the worker to retire after what it was
     * delivered. A drained worker stays on the roster ({@link #retireAll}); any other goes to
     * {@code retiring}, where a successor of the same pid finds it.
     */
    @Override
    public void retire(Worker<M, P> worker, Retirement reason) {
        if (reason == Retirement.DRAIN) {
            if (worker.tellToRetire(reason)) {
                toWake(worker);
            }
            return;
        }
        if (reason == Retirement.EARLY) {
            workshop.tally.earlyRetirements.increment();
        }
        workshop.retiringAlive.incrementAndGet();
        if (worker.tellToRetire(reason)) {
            toWake(worker);
        }
        retiring.put(worker.pid, worker);
        rosterSize = roster.size();
    }

    /** Puts an inspection at {@code tick} on the belt of the live {@code worker}. */
    @Override
    public void inspect(Worker<M, P> worker, long tick) throws InterruptedException {
        Inspection at = inspection;
        if (at == null || at.now().toEpochMilli() != tick) {
            at = new Inspection(Instant.ofEpochMilli(tick));
            inspection = at;
        }
        deliver(worker, at);
    }

    /**
     * Tells every worker on the roster to retire. No worker is hired after this, so the roster
     * itself keeps them for {@link #collectLeftovers} instead of a million moves to
     * {@code retiring}.
     */
    private void retireAll() {
        workshop.retiringAlive.addAndGet(roster.size());
        schedule.drain();
        wakeAll();
        rosterSize = 0;
        drained = true;
    }

    /**
     * Once every worker has stopped: hands back what is left on their belts and counts the
     * workers that stopped without retiring. After a drain in which no worker was abandoned,
     * every worker took everything on its belt before it retired, so nothing is left.
     */
    private void collectLeftovers() {
        if (!(drained && workshop.abandoned.isEmpty())) {
            Map<Worker<M, P>, Boolean> seen = new IdentityHashMap<>();
            for (var worker : roster) {
                seen.put(worker, true);
            }
            for (var worker : retiring.values()) {
                seen.put(worker, true);
            }
            for (var worker : workshop.abandoned) {
                seen.put(worker, true);
            }
            long unretired = 0;
            for (var worker : seen.keySet()) {
                if (worker.collectBelt()) {
                    unretired++;
                }
            }
            workshop.leftovers.workers.add(unretired);
        }
        roster.clear();
        retiring.clear();
        rosterSize = 0;
    }
}
