package io.github.loomfactory.core.internal.production;

import io.github.loomfactory.core.internal.transport.TransportationLine;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;

/**
 * One workshop's holds on the settlement ledger ({@link Settlement}): which live workers keep
 * materials bought with a position, and since which epoch.
 *
 * <p>Design: a worker holds one epoch, the epoch of the oldest positioned material it took since
 * it was hired (a blueprint that keeps nothing: since its belt last ran empty, or one epoch per
 * 100 ms of its backlog, below); the ledger's count of that material is the hold. A later positioned
 * material of the same worker is settled at once by the director (its count is taken away), since
 * the older hold already keeps its own and every later epoch from completing. When the worker has
 * retired, its products are on the transportation line ahead of anything it could put there
 * after, so the hold goes on the line too, as a release: the stevedore settles it once every
 * product that was on the line or in a bay before it has been shipped. So a material settles at
 * its worker's retirement and shipment, as DESIGN.md rule 8 asks, with one count and no
 * allocation per material; a hold is allocated per worker life that bought with a position.
 *
 * <p>A blueprint that {@linkplain io.github.loomfactory.api.Blueprint#keepsNothing() keeps nothing}
 * lets a hold go sooner: when its worker's belt runs empty, the products of every material it took
 * are on the line, so the hold goes there as a release without waiting for retirement, and the
 * director opens a new hold for the worker's next positioned material. The race between the two
 * threads is settled by the hold's {@code covered} count, the belt's delivered count when the
 * director last let the hold cover a material: the worker may release the hold only once it has
 * taken that many, and only by a compare-and-set from that count to {@code RELEASED}, so a
 * material the director let the hold cover is never left behind by a release that did not see it.
 * Such a blueprint allocates a hold per round that bought with a position (and, below, per epoch
 * of a busy worker's backlog).
 *
 * <p>A belt that never runs empty (the source buys faster than the worker takes) would keep such a
 * hold, and with it its epoch and every lane, until the backlog is gone. So when a material of a
 * later epoch comes for a worker whose blueprint keeps nothing and whose hold is not released, the
 * director seals that hold (it covers no more: {@link Hold#next} names the new one) and opens a new
 * hold for the new epoch. The worker keeps its oldest hold not yet released ({@link Worker#oldestHold})
 * and, after each material, releases the sealed holds whose materials it has all taken, once their
 * products are on the line. So a busy worker holds one epoch per 100 ms of its backlog, and the
 * oldest epoch it holds is that of the oldest material it has not finished.
 *
 * <p>A hot pid whose worker never goes idle would hold its epoch, and so every lane, forever:
 * the director retires the worker of the oldest hold once it is older than
 * {@link FactorySettings#settleWithin()} ({@link io.github.loomfactory.api.Retirement#OVERDUE}).
 *
 * <p>A worker's hold is a field of the worker itself ({@link Worker#hold}), so that the
 * director's step per positioned material is a field read and a compare-and-set, with no map
 * lookup. The director sets the field and retires; a worker releases its own hold from its
 * thread when its round ends or it retires: hence the field is volatile.
 */
public final class Holds {
    private final Settlement ledger;
    private final TransportationLine<?> transport;
    private final long boundMillis;
    private final boolean keepsNothing;
    /** Holds in the order they were taken, so oldest first: director only. */
    private final ArrayDeque<Hold> byAge = new ArrayDeque<>();
    /** When {@link #byAge} is this long, released holds behind an old one are swept out of it. Director only. */
    private int sweepAt = 1024;

    Holds(Settlement ledger, TransportationLine<?> transport, java.time.Duration bound, boolean keepsNothing) {
        this.ledger = ledger;
        this.transport = transport;
        this.boundMillis = bound.toMillis();
        this.keepsNothing = keepsNothing;
    }

    /** A material of {@code epoch} went on {@code worker}'s belt. Director only. */
    void delivered(Worker<?, ?> worker, long epoch) {
        int delivered = worker.deliveredCount();
        Hold hold = worker.hold;
        boolean seal = false;
        if (hold != null) {
            seal = keepsNothing && epoch > hold.epoch && !hold.released();
            if (!seal && hold.cover(delivered)) {
                ledger.settle(epoch);
                return;
            }
        }
        var fresh = new Hold(ledger, epoch, worker, delivered);
        // linked before the worker may read it: a sealed hold covers no more, and the worker walks
        // from its first hold to its newest
        if (hold != null) {
            hold.next = fresh;
        } else {
            worker.oldestHold = fresh;
        }
        worker.hold = fresh;
        byAge.add(fresh);
        if (byAge.size() >= sweepAt) {
            // a blueprint that keeps nothing releases a hold per round; behind one old hold they would pile up
            byAge.removeIf(Hold::released);
            sweepAt = Math.max(1024, 2 * byAge.size());
        }
    }

    /**
     * The belt of {@code worker}, whose blueprint keeps nothing, ran empty after it had taken
     * {@code taken} items and handed their products to the line: its hold follows them, unless
     * the director has let it cover a material not yet taken. Worker thread.
     */
    void roundEnded(Worker<?, ?> worker, int taken) {
        releaseSealed(worker, taken);
        Hold hold = worker.hold;
        if (hold != null && hold.release(taken)) {
            transport.putRelease(hold);
        }
    }

    /**
     * Returns {@code worker}'s oldest hold if it is sealed and covers no item beyond {@code taken},
     * null otherwise; moves {@link Worker#oldestHold} past the holds already released. Worker thread.
     */
    static Hold sealedDue(Worker<?, ?> worker, int taken) {
        Hold hold = worker.oldestHold;
        if (hold == null) {
            return null; // no hold yet
        }
        for (Hold next; ; hold = next) {
            next = hold.next;
            if (!hold.released()) {
                worker.oldestHold = hold;
                // a hold that is not released and has a next one was sealed: its count is final
                return next != null && taken - hold.covered() >= 0 ? hold : null;
            }
            if (next == null) {
                worker.oldestHold = hold;
                return null;
            }
        }
    }

    /**
     * {@code worker}, whose blueprint keeps nothing, has taken {@code taken} items and handed the
     * products of every one to the line: its sealed holds that cover no item beyond them follow
     * those products as releases. Worker thread.
     */
    void releaseSealed(Worker<?, ?> worker, int taken) {
        for (Hold due; (due = sealedDue(worker, taken)) != null; ) {
            if (due.release(taken)) {
                transport.putRelease(due);
            }
        }
    }

    /**
     * {@code worker} retired and handed its last products to the transportation line: its hold
     * follows them as a release. Worker thread.
     */
    public void retired(Worker<?, ?> worker) {
        for (Hold hold = worker.oldestHold; hold != null; hold = hold.next) {
            if (hold.releaseAll()) {
                transport.putRelease(hold);
            }
        }
        worker.oldestHold = null;
        worker.hold = null;
    }

    /**
     * Returns the worker of the oldest hold if that hold is older than the bound at
     * {@code nowMillis} and the worker has not been told to retire; null otherwise. Director only.
     */
    Worker<?, ?> overdue(long nowMillis) {
        while (true) {
            Hold oldest = byAge.peek();
            if (oldest == null) {
                return null;
            }
            Worker<?, ?> worker = oldest.worker;
            if (worker == null || oldest.released() || worker.toldToRetire()) {
                byAge.poll();
                continue;
            }
            if (nowMillis - oldest.epoch * Settlement.EPOCH_MILLIS <= boundMillis) {
                return null;
            }
            byAge.poll();
            return worker;
        }
    }

    /** A worker's hold on one epoch; run by the stevedore once the worker's products are shipped. */
    static final class Hold implements Runnable {
        private static final long RELEASED = Long.MIN_VALUE;
        private static final VarHandle COVERED;

        static {
            try {
                COVERED = MethodHandles.lookup().findVarHandle(Hold.class, "covered", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final Settlement ledger;
        public final long epoch;
        /** Cleared when run, so that a long queue of old holds keeps no retired worker alive. */
        public volatile Worker<?, ?> worker;
        /**
         * The worker's next hold, opened by the director when it sealed this one or after this one
         * was released; null while this is the newest.
         */
        volatile Hold next;
        /**
         * states: covering (the belt's delivered count, an int, when the director last let this
         * hold cover a material) -> RELEASED (on the line as a release, or about to be).
         */
        @SuppressWarnings("unused") // through COVERED
        private volatile long covered;

        Hold(Settlement ledger, long epoch, Worker<?, ?> worker, int delivered) {
            this.ledger = ledger;
            this.epoch = epoch;
            this.worker = worker;
            this.covered = delivered;
        }

        /** Lets this hold cover the materials delivered up to {@code delivered}; false if it was released. Director only. */
        boolean cover(int delivered) {
            long seen = covered;
            while (seen != RELEASED) {
                long witness = (long) COVERED.compareAndExchange(this, seen, (long) delivered);
                if (witness == seen) {
                    return true;
                }
                seen = witness;
            }
            return false;
        }

        /** Releases this hold if its worker has taken every item it covers; true if this call did. Worker thread. */
        public boolean release(int taken) {
            long seen = covered;
            while (seen != RELEASED && taken - (int) seen >= 0) {
                long witness = (long) COVERED.compareAndExchange(this, seen, RELEASED);
                if (witness == seen) {
                    return true;
                }
                seen = witness;
            }
            return false;
        }

        /** Releases this hold whatever it covers (its worker retired, having taken everything); true if this call did. */
        boolean releaseAll() {
            return (long) COVERED.getAndSet(this, RELEASED) != RELEASED;
        }

        boolean released() {
            return covered == RELEASED || worker == null;
        }

        /** The belt's delivered count up to which this hold covers; meaningful while it is not released. */
        int covered() {
            return (int) covered;
        }

        @Override
        public void run() {
            worker = null;
            ledger.settle(epoch);
        }
    }
}
