package io.github.loomfactory.core.internal.production;

import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.core.FactorySettings;
import io.github.loomfactory.core.internal.supervision.Failures;
import io.github.loomfactory.core.internal.supervision.Remnants;
import io.github.loomfactory.core.internal.supervision.Tally;
import io.github.loomfactory.core.internal.transport.TransportationLine;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * One partition of the pid space: its production line, its {@link Director}, and what the
 * director and the workers it hires share. A worker's one link is its workshop, so the few
 * things a worker uses (the blueprint, the counters, the transportation line, the leftovers, the
 * failure desk, the belt limits) are fields here, kept once per workshop rather than once per
 * worker.
 *
 * <p>Time is the factory's clock as each material was purchased (the line stamps it), or with
 * event time the materials' own timestamps: see {@link Director}.
 */
public final class Workshop<M extends Material, P extends Product> {
    public final int index;
    public final ProductionLine<Object> line;
    /** What this workshop's belts hold together: at most one line's worth (see {@link BeltLoad}). */
    public final BeltLoad belts;
    /** Capacity of every worker's belt. */
    final int beltCapacity;
    /** The longest chunk of a worker's belt, in slots: room for a full belt and its link, at most {@link Belt#CHUNK}. */
    final int longestChunk;

    // what its workers use
    final Blueprint<M, P> blueprint;
    /** The blueprint's {@link Blueprint#keepsNothing()}, read once. */
    final boolean keepsNothing;
    final Tally tally;
    final TransportationLine<P> transport;
    final Remnants<M, P> leftovers;
    final Failures<M> failures;

    // where the director and its workers meet
    /** Workers cancelled before they retired, for the director to collect their belts. */
    final ConcurrentLinkedQueue<Worker<M, P>> abandoned = new ConcurrentLinkedQueue<>();
    /** The director's thread while it runs; workers unpark it when it waits for them. */
    volatile Thread directorThread;
    /** Written once by the director, read by retiring workers. */
    volatile Holds holds;
    /** Workers told to retire whose threads have not ended yet; they count against the cap. */
    final AtomicInteger retiringAlive = new AtomicInteger();
    volatile boolean awaitingRetirement;

    private final Director<M, P> director;

    /**
     * Makes workshop {@code index} with its director. On wall time its line stamps each material
     * with {@code purchaseClock}, so that a backlog on the line never retires a pid whose next
     * material is waiting.
     */
    public Workshop(int index, FactorySettings settings, Blueprint<M, P> blueprint, Tally tally,
            TransportationLine<P> transport, Remnants<M, P> leftovers, Failures<M> failures,
            PurchaseClock purchaseClock, EventClock eventClock, Settlement settlement) {
        this.index = index;
        this.line = settings.eventTime() ? new ProductionLine<>(settings.lineCapacity())
                : new ProductionLine<>(settings.lineCapacity(), purchaseClock);
        this.belts = new BeltLoad(settings.beltLoad());
        this.beltCapacity = settings.beltCapacity();
        this.longestChunk = (int) Math.min(Belt.CHUNK, settings.beltCapacity() + 1L);
        this.blueprint = blueprint;
        this.keepsNothing = blueprint.keepsNothing();
        this.tally = tally;
        this.transport = transport;
        this.leftovers = leftovers;
        this.failures = failures;
        this.director = new Director<>(this, settings, purchaseClock, eventClock, settlement);
    }

    /** Runs the director on the calling thread until the line ends or the factory fails. */
    public void direct() throws Exception {
        director.direct();
    }

    /**
     * Stops the director at once, as the factory failed: it cancels its workers, whose materials
     * are handed back, and returns. Any thread.
     */
    public void stop() {
        Thread running = directorThread;
        if (running != null) {
            running.interrupt();
        }
    }

    /** Live workers on the roster, as the director last published it. */
    public int rosterSize() {
        return director.rosterSize();
    }

    /** Workers told to retire whose threads have not ended yet. */
    public int retiringSize() {
        return retiringAlive.get();
    }

    /** Called by a worker of a blueprint that keeps nothing, on its own thread, when its belt ran empty and its products were handed off. */
    void roundEnded(Worker<M, P> worker, int taken) {
        Holds made = holds;
        if (made != null) {
            made.roundEnded(worker, taken);
        }
    }

    /** Called by a worker on its own thread once it has retired and handed off its last products. */
    void retired(Worker<M, P> worker) {
        Holds made = holds;
        if (made != null) {
            made.retired(worker);
        }
    }

    /** Called by a worker that was told to retire, when its thread ends. */
    void retirementDone() {
        retiringAlive.decrementAndGet();
        if (awaitingRetirement) {
            LockSupport.unpark(directorThread);
        }
    }

    /** Called by a worker that took an item while the director waited for room on its belt. */
    void roomMade() {
        LockSupport.unpark(directorThread);
    }

    /** Thrown by a director to stop its workshop when the factory has failed elsewhere. */
    public static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("factory failed", null, false, false);
        }
    }
}
