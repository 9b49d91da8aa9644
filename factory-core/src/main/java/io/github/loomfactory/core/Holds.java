package io.github.loomfactory.core;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One workshop's holds on the settlement {@link Ledger}: which live workers keep materials bought
 * with a position, and since which epoch.
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
 * <p>A hot pid whose worker never goes idle would hold its epoch, and so every lane, forever:
 * the director retires the worker of the oldest hold once it is older than
 * {@link FactorySettings#settleWithin()} ({@link io.github.loomfactory.api.Retirement#OVERDUE}).
 *
 * <p>The director delivers and retires; a worker releases its own hold from its thread at
 * retirement: hence the concurrent map.
 */
final class Holds {
    private final Ledger ledger;
    private final TransportationLine<?> transport;
    private final long boundMillis;
    private final ConcurrentHashMap<Worker<?, ?>, Hold> byWorker = new ConcurrentHashMap<>();
    /** Holds in the order they were taken, so oldest first: director only. */
    private final ArrayDeque<Hold> byAge = new ArrayDeque<>();

    Holds(Ledger ledger, TransportationLine<?> transport, java.time.Duration bound) {
        this.ledger = ledger;
        this.transport = transport;
        this.boundMillis = bound.toMillis();
    }

    /** A material of {@code epoch} went on {@code worker}'s belt. Director only. */
    void delivered(Worker<?, ?> worker, long epoch) {
        if (byWorker.get(worker) != null) {
            ledger.settle(epoch);
            return;
        }
        var hold = new Hold(ledger, epoch, worker);
        byWorker.put(worker, hold);
        byAge.add(hold);
    }

    /** The director told {@code worker} to retire: its hold is no longer overdue-able. Director only. */
    void retiring(Worker<?, ?> worker) {
        Hold hold = byWorker.get(worker);
        if (hold != null) {
            hold.retiring = true;
        }
    }

    /**
     * {@code worker} retired and handed its last products to the transportation line: its hold
     * follows them as a release. Worker thread.
     */
    void retired(Worker<?, ?> worker) {
        Hold hold = byWorker.remove(worker);
        if (hold != null) {
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
            if (oldest.retiring || oldest.worker == null) {
                byAge.poll();
                continue;
            }
            if (nowMillis - oldest.epoch * Ledger.EPOCH_MILLIS <= boundMillis) {
                return null;
            }
            byAge.poll();
            oldest.retiring = true;
            return oldest.worker;
        }
    }

    /** A worker's hold on one epoch; run by the stevedore once the worker's products are shipped. */
    static final class Hold implements Runnable {
        private final Ledger ledger;
        final long epoch;
        /** Cleared when released, so that a long queue of old holds keeps no retired worker alive. */
        volatile Worker<?, ?> worker;
        /** Director only. */
        boolean retiring;

        Hold(Ledger ledger, long epoch, Worker<?, ?> worker) {
            this.ledger = ledger;
            this.epoch = epoch;
            this.worker = worker;
        }

        @Override
        public void run() {
            worker = null;
            ledger.settle(epoch);
        }
    }
}
