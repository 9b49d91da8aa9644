package io.github.loomfactory.core.internal.production;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A workshop's production line: a bounded queue from purchasing (any number of threads) to the
 * workshop's director, which takes materials off it in batches.
 *
 * <p>A put takes the line's lock once; the director takes up to a batch at once. The consumer is
 * signalled only when it is waiting, producers only when one is waiting for room, so an
 * uncontended hand-off costs one lock acquisition and no wake-up. On wall time the line stamps
 * each material with the contract clock as it goes on, under the lock, so stamps are in line
 * order.
 *
 * <p>Once {@link #end() ended}, the director drains what is left and then sees the end; puts
 * after the end are refused, and so are puts waiting for room when it ends (the end signals them).
 */
public final class ProductionLine<T> {
    /** The event time of an item that was put on without one. */
    public static final long NO_TIME = Long.MIN_VALUE;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private final Object[] ring;
    private final long[] stamps;
    /** Settlement epochs per slot, once a positioned item came (guarded by the lock). */
    private long[] epochs;
    /** Consumer side: the epochs of the last items taken. */
    private long[] takenEpochs;
    /** Event times (epoch ms) per slot given with the items, once one came with one (guarded by the lock). */
    private long[] times;
    /** Consumer side: the event times of the last items taken ({@link #NO_TIME} for none). */
    private long[] takenTimes;
    private final LongSupplier clock;
    private long emptyAt;
    private int head;
    private int size;
    private int producersWaiting;
    private boolean consumerWaiting;
    private boolean ended;

    public ProductionLine(int capacity) {
        this(capacity, null);
    }

    /**
     * Creates a line that stamps each item with {@code clock}'s time as it is put on, under the
     * line's lock, so that stamps are in line order, and that reads the clock again whenever its
     * consumer finds it empty ({@link #emptyAt()}): no later item can carry an earlier stamp.
     */
    public ProductionLine(int capacity, LongSupplier clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.ring = new Object[capacity];
        this.stamps = clock == null ? null : new long[capacity];
        this.clock = clock;
    }

    public int capacity() {
        return ring.length;
    }

    /**
     * Puts one item, waiting up to {@code timeout} for room.
     *
     * @return false if there was no room in time
     * @throws IllegalStateException if the line has ended
     */
    public boolean offer(T item, long timeout, TimeUnit unit) throws InterruptedException {
        return offer(item, -1, timeout, unit);
    }

    /**
     * Puts one item bought in settlement epoch {@code epoch} (see {@link Ledger}; -1 for none),
     * waiting up to {@code timeout} for room. The line keeps epochs only once it got one.
     *
     * @return false if there was no room in time
     * @throws IllegalStateException if the line has ended
     */
    public boolean offer(T item, long epoch, long timeout, TimeUnit unit) throws InterruptedException {
        return offer(item, epoch, NO_TIME, timeout, unit);
    }

    /**
     * Puts one item bought in settlement epoch {@code epoch} with the event time {@code time} (epoch
     * ms, given by its source; {@link #NO_TIME} for none), waiting up to {@code timeout} for room.
     * The line keeps times only once it got one.
     *
     * @return false if there was no room in time
     * @throws IllegalStateException if the line has ended
     */
    public boolean offer(T item, long epoch, long time, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (size == ring.length) {
                checkOpen();
                if (nanos <= 0) {
                    return false;
                }
                producersWaiting++;
                try {
                    nanos = notFull.awaitNanos(nanos);
                } finally {
                    producersWaiting--;
                }
            }
            checkOpen();
            int slot = slot(size);
            ring[slot] = item;
            if (stamps != null) {
                stamps[slot] = clock.getAsLong();
            }
            if (epochs != null) {
                epochs[slot] = epoch;
            } else if (epoch >= 0) {
                epochs = new long[ring.length];
                java.util.Arrays.fill(epochs, -1);
                epochs[slot] = epoch;
            }
            if (times != null) {
                times[slot] = time;
            } else if (time != NO_TIME) {
                times = new long[ring.length];
                java.util.Arrays.fill(times, NO_TIME);
                times[slot] = time;
            }
            size++;
            signalConsumer();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Puts one item, waiting for room. */
    public void put(T item) throws InterruptedException {
        while (!offer(item, 1, TimeUnit.DAYS)) {
            // keep waiting
        }
    }

    /**
     * Moves up to {@code max} waiting items into {@code into}, waiting up to
     * {@code timeoutNanos} for one, and copies each item's stamp into {@code stampsOut} (at least
     * {@code max} long) of a stamping line.
     *
     * @return the number of items moved (zero if none came in time), or -1 once the line has ended
     *     and is empty
     */
    @SuppressWarnings("unchecked")
    public int takeAll(List<? super T> into, long[] stampsOut, int max, long timeoutNanos) throws InterruptedException {
        lock.lock(); // a virtual thread's interrupt check is not free; awaiting still sees one
        try {
            long nanos = timeoutNanos;
            while (size == 0) {
                if (ended) {
                    return -1;
                }
                if (nanos <= 0) {
                    if (clock != null) {
                        emptyAt = clock.getAsLong();
                    }
                    return 0;
                }
                consumerWaiting = true;
                try {
                    nanos = notEmpty.awaitNanos(nanos);
                } finally {
                    consumerWaiting = false;
                }
            }
            int n = Math.min(size, max);
            long[] epochsIn = epochs;
            if (epochsIn != null && (takenEpochs == null || takenEpochs.length < n)) {
                takenEpochs = new long[Math.max(n, Math.min(max, 1024))];
            }
            long[] timesIn = times;
            if (timesIn != null && (takenTimes == null || takenTimes.length < n)) {
                takenTimes = new long[Math.max(n, Math.min(max, 1024))];
            }
            for (int i = 0; i < n; i++) {
                int slot = slot(i);
                into.add((T) ring[slot]);
                ring[slot] = null;
                if (stampsOut != null) {
                    stampsOut[i] = stamps[slot];
                }
                if (epochsIn != null) {
                    takenEpochs[i] = epochsIn[slot];
                }
                if (timesIn != null) {
                    takenTimes[i] = timesIn[slot];
                }
            }
            head = slot(n);
            size -= n;
            if (producersWaiting > 0) {
                notFull.signalAll();
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the settlement epochs of the items the last {@link #takeAll} moved, by index (-1 for
     * an item bought without a position), or null while no item ever came with one. Consumer only.
     */
    long[] takenEpochs() {
        return takenEpochs;
    }

    /**
     * Returns the event times given with the items the last {@link #takeAll} moved, by index
     * ({@link #NO_TIME} for an item put on without one), or null while no item ever came with one.
     * Consumer only.
     */
    long[] takenTimes() {
        return takenTimes;
    }

    /**
     * Returns the clock's time when the consumer last found this stamping line empty: every item
     * put on since carries this stamp or a later one. Consumer only.
     */
    long emptyAt() {
        return emptyAt;
    }

    /** No more items will come; the consumer drains what is left. */
    public void end() {
        lock.lock();
        try {
            ended = true;
            notEmpty.signal();
            notFull.signalAll(); // producers waiting for room learn of the end at once
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    /** Empties the line once its consumer has stopped, returning what was left on it. */
    @SuppressWarnings("unchecked")
    public List<T> clear() {
        lock.lock();
        try {
            List<T> left = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                int slot = slot(i);
                left.add((T) ring[slot]);
                ring[slot] = null;
            }
            head = 0;
            size = 0;
            notFull.signalAll();
            return left;
        } finally {
            lock.unlock();
        }
    }

    /** Returns the ring slot {@code offset} places after the head, for an offset up to the ring's length. */
    private int slot(int offset) {
        int slot = head + offset;
        return slot >= ring.length ? slot - ring.length : slot;
    }

    private void checkOpen() {
        if (ended) {
            throw new IllegalStateException("line has ended");
        }
    }

    private void signalConsumer() {
        if (consumerWaiting) {
            consumerWaiting = false;
            notEmpty.signal();
        }
    }
}
