package io.github.loomfactory.core.internal.transport;

import io.github.loomfactory.core.internal.supervision.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The one bounded line from every worker to the stevedore, carrying batches of products.
 *
 * <p>Workers put their batches without a lock: the line is an intrusive many-producer,
 * one-consumer linked queue (a put is one atomic swap of the tail), because a lock here is taken
 * by every worker of every workshop, and a virtual thread that finds a lock held parks and yields
 * its carrier, which costs more than the hand-off itself. The capacity counts products: a batch
 * waits while it would overfill a non-empty line, so that a batch larger than the capacity still
 * moves. The bound is exact: a put reserves its room with a compare-and-set of the count before it
 * links its batch, so the line never holds more than its capacity, except one batch larger than
 * the capacity on an otherwise empty line. Waiting workers register and are woken by the stevedore
 * once it has taken what was waiting. The stevedore is woken when a shipment's worth is waiting, and polls otherwise.
 *
 * <p>Once {@link #end() ended} (after every worker has stopped), the stevedore drains what is
 * left and then sees the end.
 */
public final class TransportationLine<P> {
    private final long capacity;
    private final long wakeAt;
    private final AtomicLong size = new AtomicLong();
    private final AtomicReference<Batch> tail;
    private final ConcurrentLinkedQueue<Thread> waiting = new ConcurrentLinkedQueue<>();
    private Batch head;
    /** Releases taken off the line (consumer side). */
    private final List<Runnable> releases = new ArrayList<>();
    private volatile Thread consumer;
    private volatile boolean consumerParked;
    private volatile boolean ended;

    public TransportationLine(long capacity, long wakeAt) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.wakeAt = Math.max(1, Math.min(wakeAt, capacity));
        this.head = new Batch(null, null, 0);
        this.tail = new AtomicReference<>(head);
    }

    /**
     * Puts the first {@code count} products of {@code items} on the line as one batch, waiting
     * for room. The array is the line's from now on.
     *
     * @throws IllegalStateException if the line has ended
     */
    public void putAll(Object[] items, int count) throws InterruptedException {
        add(new Batch(items, null, count));
    }

    /**
     * Puts a release on the line behind every product put so far: the stevedore takes it off in
     * line order and runs it once those products are shipped (see {@link Releases}). Takes no room
     * and never waits.
     *
     * @throws IllegalStateException if the line has ended
     */
    public void putRelease(Runnable release) {
        if (ended) {
            throw new IllegalStateException("transportation line has ended");
        }
        var batch = new Batch(null, release, 0);
        tail.getAndSet(batch).next = batch;
    }

    /** Returns whether releases were taken off the line since the last {@link #takeReleases}. Consumer only. */
    boolean hasReleases() {
        return !releases.isEmpty();
    }

    /** Returns the releases taken off the line, in line order, and forgets them. Consumer only. */
    List<Runnable> takeReleases() {
        var taken = List.copyOf(releases);
        releases.clear();
        return taken;
    }

    /** Puts one product on the line, waiting for room. */
    public void put(P product) throws InterruptedException {
        add(new Batch(null, product, 1));
    }

    private void add(Batch batch) throws InterruptedException {
        int count = batch.count;
        // reserve room first, then link: the count never passes the capacity, whoever puts at once
        while (true) {
            long waitingOn = size.get();
            if (waitingOn > 0 && waitingOn + count > capacity) {
                awaitRoom(count);
            } else if (size.compareAndSet(waitingOn, waitingOn + count)) {
                if (ended) {
                    size.addAndGet(-count);
                    throw new IllegalStateException("transportation line has ended");
                }
                tail.getAndSet(batch).next = batch;
                if (waitingOn + count >= wakeAt && consumerParked) {
                    LockSupport.unpark(consumer);
                }
                return;
            }
        }
    }

    private void awaitRoom(int count) throws InterruptedException {
        Thread me = Thread.currentThread();
        while (true) {
            waiting.add(me);
            long waitingOn = size.get();
            if (waitingOn == 0 || waitingOn + count <= capacity) {
                return; // a stale entry costs the stevedore one needless unpark, nothing more
            }
            if (consumerParked) {
                LockSupport.unpark(consumer);
            }
            LockSupport.park(this);
            Threads.throwIfInterrupted("the transportation line was full");
        }
    }

    /**
     * Hands every waiting product to {@code into}, in order, waiting up to {@code timeoutNanos}
     * for a shipment's worth (it takes whatever is there when the time is up). Consumer only.
     *
     * @return the number of products handed over, or -1 once the line has ended and is empty
     */
    public int takeAll(Consumer<? super P> into, long timeoutNanos) throws InterruptedException {
        consumer = Thread.currentThread();
        if (size.get() < wakeAt && !ended && timeoutNanos > 0) {
            consumerParked = true;
            if (size.get() < wakeAt && !ended) {
                LockSupport.parkNanos(this, timeoutNanos);
            }
            consumerParked = false;
            Threads.throwIfInterrupted("the stevedore waited for products");
        }
        boolean ending = ended;
        int taken = drainInto(into);
        if (taken == 0 && ending) {
            return -1;
        }
        return taken;
    }

    @SuppressWarnings("unchecked")
    private int drainInto(Consumer<? super P> into) {
        int taken = 0;
        for (Batch next = head.next; next != null; next = head.next) {
            if (next.items == null) {
                if (next.count == 0) {
                    releases.add((Runnable) next.single);
                } else {
                    into.accept((P) next.single);
                }
            } else {
                for (int i = 0; i < next.count; i++) {
                    into.accept((P) next.items[i]);
                }
            }
            taken += next.count;
            next.items = null;
            next.single = null;
            head = next;
        }
        if (taken > 0) {
            size.addAndGet(-taken);
            for (Thread worker; (worker = waiting.poll()) != null; ) {
                LockSupport.unpark(worker);
            }
        }
        return taken;
    }

    /** No more batches will come: every producer has stopped. */
    public void end() {
        ended = true;
        Thread stevedore = consumer;
        if (stevedore != null) {
            LockSupport.unpark(stevedore);
        }
    }

    /** Returns the number of products waiting on the line. */
    public long size() {
        return size.get();
    }

    /** Empties the line once its consumer has stopped, returning every product left on it. */
    public List<P> clear() {
        List<P> left = new ArrayList<>();
        drainInto(left::add);
        return left;
    }

    /** A worker's hand-off, a node of the line: {@code count} products, or a single one. */
    private static final class Batch {
        Object[] items;
        Object single;
        final int count;
        volatile Batch next;

        Batch(Object[] items, Object single, int count) {
            this.items = items;
            this.single = single;
            this.count = count;
        }
    }
}
