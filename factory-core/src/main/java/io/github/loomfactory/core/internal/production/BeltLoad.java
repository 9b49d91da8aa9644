package io.github.loomfactory.core.internal.production;

import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * How many materials the belts of one workshop hold together, so that its director can keep them
 * to about one line's worth: without this bound a roster of slow workers could hold
 * {@code rosterCap * beltCapacity} materials, far more than any heap.
 *
 * <p>The director counts what it delivers, once per batch; workers count what they took, once
 * per round (a run of materials taken without parking), as they count {@code processed}. The
 * difference is what the belts hold, or a little more (a round is counted when it ends). Before
 * the director takes a batch of at most half its line, it waits while the belts hold
 * {@code most} ({@link FactorySettings#beltLoad()}) or more, so the belts and the batch being
 * delivered never hold more than {@code most} plus half a line ({@link HeapBudget}).
 * While the director waits, a worker that counts a round wakes it (the same handshake as a full
 * belt's: each side writes its own volatile state, then reads the other's).
 * Thread-safe: one director writes {@code delivered}; any worker adds to {@code taken}.
 */
public final class BeltLoad {
    private final LongAdder taken = new LongAdder();
    /** Written by the director only; volatile so that stats can read it. */
    private volatile long delivered;
    private final long most;
    /** The director, while it waits for the belts to empty. */
    private volatile Thread waiting;
    /** Times the director began to wait; written by the director only, volatile so that stats can read it. */
    private volatile long waits;

    /** Creates the load of a workshop whose belts may hold up to {@code most} materials before its director waits. */
    BeltLoad(long most) {
        this.most = Math.max(1, most);
    }

    /** The director delivered {@code count} more materials. Director only. */
    void delivered(int count) {
        delivered = delivered + count;
    }

    /** A worker took {@code count} materials off its belt. */
    public void taken(int count) {
        taken.add(count);
        Thread director = waiting;
        if (director != null) {
            LockSupport.unpark(director);
        }
    }

    /**
     * Waits, at most {@code nanos}, for a worker to count a round while the belts are full.
     * Director only; the caller checks {@link #full()} again.
     */
    public void await(long nanos) {
        waiting = Thread.currentThread();
        if (full()) {
            LockSupport.parkNanos(this, nanos);
        }
        waiting = null;
    }

    /** The director found the belts full and begins to wait for them. Director only. */
    void waitBegins() {
        waits = waits + 1;
    }

    /** Returns how often the director began to wait for the belts. */
    public long waits() {
        return waits;
    }

    /** Returns how many materials the belts hold, at most: never negative. */
    public long held() {
        return Math.max(0, delivered - taken.sum());
    }

    /** Returns whether the director must wait before it takes another batch. */
    public boolean full() {
        return delivered - taken.sum() >= most;
    }
}
