package io.github.loomfactory.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded many-producer, one-consumer queue that moves items in batches: the production lines
 * (purchasing to a director) and the transportation line (workers to the stevedore).
 *
 * <p>Producers put one item or a batch under one lock acquisition; the consumer takes everything
 * waiting at once. The capacity counts items. A batch waits while it would overfill the line,
 * unless the line is empty, so that a batch larger than the capacity still moves. The consumer is
 * signalled only when it is waiting, producers only when one is waiting for room, so an
 * uncontended hand-off costs one lock acquisition and no wake-up.
 *
 * <p>Once {@link #end() ended}, the consumer drains what is left and then sees the end; puts
 * after the end are refused.
 */
final class Line<T> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private final Object[] ring;
    private final int wakeAt;
    private int head;
    private int size;
    private int producersWaiting;
    private boolean consumerWaiting;
    private boolean ended;

    Line(int capacity) {
        this(capacity, 1);
    }

    /**
     * Creates a line whose waiting consumer is woken only once {@code wakeAt} items wait (or the
     * line ends); a consumer that polls with a short timeout then takes bigger batches and is
     * woken far less often.
     */
    Line(int capacity, int wakeAt) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.ring = new Object[capacity];
        this.wakeAt = Math.max(1, Math.min(wakeAt, capacity));
    }

    int capacity() {
        return ring.length;
    }

    /**
     * Puts one item, waiting up to {@code timeout} for room.
     *
     * @return false if there was no room in time
     * @throws IllegalStateException if the line has ended
     */
    boolean offer(T item, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (size == ring.length) {
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
            ring[(head + size) % ring.length] = item;
            size++;
            signalConsumer();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Puts one item, waiting for room. */
    void put(T item) throws InterruptedException {
        while (!offer(item, 1, TimeUnit.DAYS)) {
            // keep waiting
        }
    }

    /**
     * Puts {@code count} items of {@code batch} in order, waiting while they would overfill a
     * non-empty line.
     *
     * @throws IllegalStateException if the line has ended
     */
    void putAll(Object[] batch, int count) throws InterruptedException {
        lock.lock();
        try {
            while (size > 0 && size + count > ring.length) {
                producersWaiting++;
                try {
                    notFull.await();
                } finally {
                    producersWaiting--;
                }
            }
            checkOpen();
            int from = 0;
            while (from < count) {
                // an oversized batch on an empty line goes in capacity-sized pieces
                while (size == ring.length) {
                    producersWaiting++;
                    try {
                        notFull.await();
                    } finally {
                        producersWaiting--;
                    }
                }
                int n = Math.min(count - from, ring.length - size);
                for (int i = 0; i < n; i++) {
                    ring[(head + size + i) % ring.length] = batch[from + i];
                }
                size += n;
                from += n;
                signalConsumer();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves every waiting item into {@code into}, waiting up to {@code timeoutNanos} for one.
     *
     * @return the number of items moved (zero if none came in time), or -1 once the line has ended
     *     and is empty
     */
    @SuppressWarnings("unchecked")
    int takeAll(List<? super T> into, long timeoutNanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long nanos = timeoutNanos;
            while (size == 0) {
                if (ended) {
                    return -1;
                }
                if (nanos <= 0) {
                    return 0;
                }
                consumerWaiting = true;
                try {
                    nanos = notEmpty.awaitNanos(nanos);
                } finally {
                    consumerWaiting = false;
                }
            }
            int n = size;
            for (int i = 0; i < n; i++) {
                int slot = (head + i) % ring.length;
                into.add((T) ring[slot]);
                ring[slot] = null;
            }
            head = (head + n) % ring.length;
            size = 0;
            if (producersWaiting > 0) {
                notFull.signalAll();
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** No more items will come; the consumer drains what is left. */
    void end() {
        lock.lock();
        try {
            ended = true;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    /** Empties the line once its consumer has stopped, returning what was left on it. */
    @SuppressWarnings("unchecked")
    List<T> clear() {
        lock.lock();
        try {
            List<T> left = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                int slot = (head + i) % ring.length;
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

    private void checkOpen() {
        if (ended) {
            throw new IllegalStateException("line has ended");
        }
    }

    private void signalConsumer() {
        if (consumerWaiting && size >= wakeAt) {
            consumerWaiting = false;
            notEmpty.signal();
        }
    }
}
