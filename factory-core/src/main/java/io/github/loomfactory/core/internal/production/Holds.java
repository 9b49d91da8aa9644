package io.github.loomfactory.core.internal.production;

import io.github.loomfactory.core.internal.transport.TransportationLine;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;

/**
 * One workshop's holds on the settlement ledger ({@link Settlement}): which live workers keep
 * materials bought with a position, and since which epoch.
 *
 * <p>Design: a worker holds at most one epoch, the epoch of the oldest positioned material it
 * took since it was hired; the ledger's count of that material is the hold. A later positioned
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
 * Such a blueprint allocates a hold per round that bought with a position.
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
    /** Holds in the order they were taken, so oldest first: director only. */
    private final ArrayDeque<Hold> byAge = new ArrayDeque<>();
    /** When {@link #byAge} is this long, released holds behind an old one are swept out of it. Director only. */
    private int sweepAt = 1024;

    Holds(Settlement ledger, TransportationLine<?> transport, java.time.Duration bound) {
        this.ledger = ledger;
        this.transport = transport;
        this.boundMillis = bound.toMillis();
    }

    /** A material of {@code epoch} went on {@code worker}'s belt. Director only. */
    void delivered(Worker<?, ?> worker, long epoch) {
        int delivered = worker.deliveredCount();
        Hold hold = worker.hold;
        if (hold != null && hold.cover(delivered)) {
            ledger.settle(epoch);
            return;
        }
        var fresh = new Hold(ledger, epoch, worker, delivered);
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
        Hold hold = worker.hold;
        if (hold != null && hold.release(taken)) {
            transport.putRelease(hold);
        }
    }

    /** The director told {@code worker} to retire: its hold is no longer overdue-able. Director only. */
    public void retiring(Worker<?, ?> worker) {
        Hold hold = worker.hold;
        if (hold != null) {
            hold.retiring = true;
        }
    }

    /**
     * {@code worker} retired and handed its last products to the transportation line: its hold
     * follows them as a release. Worker thread.
     */
    public void retired(Worker<?, ?> worker) {
        Hold hold = worker.hold;
        worker.hold = null;
        if (hold != null && hold.releaseAll()) {
            transport.putRelease(hold);
        }
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
            if (oldest.retiring || oldest.released()) {
                byAge.poll();
                continue;
            }
            if (nowMillis - oldest.epoch * Settlement.EPOCH_MILLIS <= boundMillis) {
                return null;
            }
            byAge.poll();
            oldest.retiring = true;
            return oldest.worker;
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
        /** Director only. */
        public boolean retiring;
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

        @Override
        public void run() {
            worker = null;
            ledger.settle(epoch);
        }
    }
}
