package io.github.loomfactory.core;

import io.github.loomfactory.core.internal.production.Settlement;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The settlement ledger: which positions of which {@link Lane lanes} are settled.
 *
 * <p>Design: time is cut into epochs of {@value #EPOCH_MILLIS} ms on the factory's clock, kept
 * in a ring of {@value #EPOCHS} slots. Each slot counts the unsettled holds of its epoch
 * ({@code pending}): a positioned purchase adds one to the current epoch, and whoever settles it
 * (the workshop's director when the material's worker already holds an older epoch, or the
 * stevedore once the worker's products are shipped) takes it away. Each lane remembers per slot
 * the highest position purchased in that epoch. An epoch is complete when it is over, its count
 * is zero and every earlier epoch is complete; the settled position of a lane is then one past
 * the highest position of its last complete epoch. A purchase costs an increment, a settlement a
 * decrement, and nothing is allocated per material; when the oldest incomplete epoch is a whole
 * ring behind, the current epoch simply stays open longer (epochs get coarser, nothing is lost).
 *
 * <p>Purchases and completion run under this object's lock (one source thread, typically, so it
 * is not contended); settlements are lock-free decrements.
 */
final class Ledger implements Settlement {
    static final int EPOCHS = 1 << 12;
    static final long EPOCH_MILLIS = Settlement.EPOCH_MILLIS;
    private static final int MASK = EPOCHS - 1;

    private final InstantSource clock;
    private final AtomicLongArray pending = new AtomicLongArray(EPOCHS);
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    /** The newest epoch: purchases go into it. Guarded by this. */
    private long current;
    /** Every epoch below this is complete. Guarded by this. */
    private long completed;
    /** Whether any positioned purchase was ever made; read without the lock by the engine's hooks. */
    private volatile boolean used;

    Ledger(InstantSource clock) {
        this.clock = clock;
        this.current = clock.millis() / EPOCH_MILLIS;
        this.completed = current;
    }

    boolean used() {
        return used;
    }

    synchronized Lane open(String name, long start) {
        if (start < 0) {
            throw new IllegalArgumentException("start position of lane " + name + " must not be negative: " + start);
        }
        Lane old = lanes.get(name);
        if (old != null && !old.isClosed()) {
            throw new IllegalStateException("lane " + name + " is open already: close it before opening it again");
        }
        var lane = new Lane(name, start, this, EPOCHS);
        lanes.put(name, lane);
        used = true;
        return lane;
    }

    synchronized void close(Lane lane) {
        lane.markClosed();
        if (lanes.get(lane.name()) == lane) {
            lanes.remove(lane.name());
        }
    }

    /** Opens a hold in the current epoch for a purchase about to be made; returns the epoch. Caller holds the lock. */
    long hold() {
        advance(clock.millis());
        pending.incrementAndGet(slot(current));
        return current;
    }

    /** Records {@code position} of {@code lane} in {@code epoch} (whose hold the caller has). Caller holds the lock. */
    void record(Lane lane, long epoch, long position) {
        lane.record(slot(epoch), position);
    }

    /** Settles one hold of {@code epoch}. Any thread, no lock. */
    @Override
    public void settle(long epoch) {
        pending.decrementAndGet(slot(epoch));
    }

    /** Records a position that carries no material: it settles with the positions before it. */
    synchronized void pass(Lane lane, long position) {
        advance(clock.millis());
        lane.record(slot(current), position);
    }

    synchronized long settledOf(Lane lane) {
        complete();
        return lane.settledNow();
    }

    /** Returns, per open lane, its settled position, in the order the lanes were opened. */
    synchronized Map<String, Long> settledPositions() {
        complete();
        var result = new LinkedHashMap<String, Long>();
        lanes.forEach((name, lane) -> result.put(name, lane.settledNow()));
        return result;
    }

    /** Returns how long the oldest unsettled hold has been waiting, in ms: zero if none. */
    synchronized long oldestUnsettledMillis() {
        complete();
        for (long e = completed; e <= current; e++) {
            if (pending.get(slot(e)) != 0) {
                return Math.max(0, clock.millis() - e * EPOCH_MILLIS);
            }
        }
        return 0;
    }

    /** Returns the epoch of {@code millis} on the ledger's clock. */
    static long epochOf(long millis) {
        return millis / EPOCH_MILLIS;
    }

    @Override
    public long nowMillis() {
        return clock.millis();
    }

    /** Completes every epoch it can; the current one too once the clock has left it. Caller holds the lock. */
    private void complete() {
        advance(clock.millis());
        while (completed < current && pending.get(slot(completed)) == 0) {
            complete(completed);
            completed++;
        }
        advance(clock.millis());
    }

    private void advance(long millis) {
        long epoch = millis / EPOCH_MILLIS;
        if (epoch <= current) {
            return;
        }
        if (completed == current && pending.get(slot(current)) == 0) {
            // nothing is pending: every slot is clear, so the ring may jump to now
            complete(current);
            completed = current = epoch;
            return;
        }
        current = Math.max(current, Math.min(epoch, completed + EPOCHS - 2));
    }

    private void complete(long epoch) {
        int slot = slot(epoch);
        for (Lane lane : lanes.values()) {
            lane.complete(slot);
        }
    }

    /**
     * The factory drained: every material it accepted is settled, so every hold is. Completes
     * every epoch, the current one included.
     */
    synchronized void drained() {
        for (long e = completed; e <= current; e++) {
            pending.set(slot(e), 0);
        }
        for (; completed <= current; completed++) {
            complete(completed);
        }
        current = completed;
    }

    private static int slot(long epoch) {
        return (int) (epoch & MASK);
    }
}
