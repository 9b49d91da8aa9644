package io.github.loomfactory.bench;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The wall clock minus the time the whole JVM stood still: a stop-the-world GC pause, or the
 * process not being scheduled. A daemon thread looks every 5 ms, and so does every reading; when
 * more than 50 ms went by since the last look, the excess counts as a stall and is left out of
 * this clock.
 *
 * <p>The baseline keeps its contracts on this clock, so that a 200 ms G1 pause on a loaded
 * machine does not retire every pid at once whose next material is about to come. Thread-safe.
 */
final class SteadyClock implements InstantSource, AutoCloseable {
    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final InstantSource wall;
    private final Thread watcher;
    private long last = Long.MIN_VALUE;
    private volatile long lostNanos;
    private volatile boolean closed;

    private SteadyClock(InstantSource wall, boolean watch) {
        this.wall = wall;
        this.watcher = watch ? Thread.ofPlatform().name("steady-clock").daemon().unstarted(this::watch) : null;
    }

    /** Returns a steady clock over the system clock, watching for stalls until closed. */
    static SteadyClock system() {
        var clock = new SteadyClock(InstantSource.system(), true);
        clock.watcher.start();
        return clock;
    }

    /** Returns a steady clock over {@code wall} that only notes the stalls it is told of. */
    static SteadyClock unwatched(InstantSource wall) {
        return new SteadyClock(wall, false);
    }

    /**
     * Notes a look at {@code nanos} ({@link System#nanoTime()}): a gap of more than
     * {@link #STALL_NANOS} since the last look, by the watcher or any reader, less one period, was
     * a stall. Every {@link #millis()} of a watched clock looks first, so the first reading after
     * a stall already leaves it out, before the watcher has woken up.
     */
    synchronized void observe(long nanos) {
        if (last != Long.MIN_VALUE) {
            long gap = nanos - last;
            if (gap > STALL_NANOS) {
                lostNanos = lostNanos + gap - PERIOD_NANOS;
            }
        }
        last = nanos;
    }

    /** Returns the stalls left out so far, in milliseconds. */
    long lostMillis() {
        return TimeUnit.NANOSECONDS.toMillis(lostNanos);
    }

    @Override
    public long millis() {
        if (watcher != null) {
            observe(System.nanoTime());
        }
        return wall.millis() - lostMillis();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    private void watch() {
        while (!closed) {
            observe(System.nanoTime());
            LockSupport.parkNanos(this, PERIOD_NANOS);
        }
    }

    /** Stops watching. */
    @Override
    public void close() {
        closed = true;
        if (watcher != null) {
            LockSupport.unpark(watcher);
        }
    }
}
