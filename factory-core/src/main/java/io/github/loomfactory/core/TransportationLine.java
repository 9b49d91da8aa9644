package io.github.loomfactory.core;

import io.github.loomfactory.api.Product;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one bounded line from every worker to the stevedore, carrying batches of products.
 *
 * <p>Its capacity is counted in products. A worker's batch waits while it would overfill the
 * line, unless the line is empty (so that a batch larger than the capacity still moves). The
 * stevedore takes every waiting batch at once. Many producers, one consumer.
 */
final class TransportationLine<P extends Product> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private final long capacity;
    private ArrayList<List<P>> batches = new ArrayList<>();
    private long size;
    private boolean ended;

    TransportationLine(long capacity) {
        this.capacity = capacity;
    }

    /** Puts a worker's batch on the line, waiting for room. */
    void put(List<P> batch) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (size > 0 && size + batch.size() > capacity) {
                notFull.await();
            }
            if (ended) {
                throw new IllegalStateException("transportation line has ended");
            }
            batches.add(batch);
            size += batch.size();
            if (batches.size() == 1) {
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes every waiting batch, waiting up to {@code timeoutNanos} for one.
     *
     * @return the batches, empty if none came in time, or null once the line has ended and is empty
     */
    List<List<P>> takeAll(long timeoutNanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long nanos = timeoutNanos;
            while (batches.isEmpty()) {
                if (ended) {
                    return null;
                }
                if (nanos <= 0) {
                    return List.of();
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            List<List<P>> taken = batches;
            batches = new ArrayList<>();
            size = 0;
            notFull.signalAll();
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /** No more batches will come: the stevedore finishes once the line is empty. */
    void end() {
        lock.lock();
        try {
            ended = true;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Returns the number of products waiting on the line. */
    long size() {
        lock.lock();
        try {
            return size;
        } finally {
            lock.unlock();
        }
    }

    /** Empties the line (after its consumer stopped), returning every product left on it. */
    List<P> clear() {
        lock.lock();
        try {
            List<P> left = new ArrayList<>();
            batches.forEach(left::addAll);
            batches = new ArrayList<>();
            size = 0;
            notFull.signalAll();
            return left;
        } finally {
            lock.unlock();
        }
    }
}
