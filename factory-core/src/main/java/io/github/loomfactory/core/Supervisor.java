package io.github.loomfactory.core;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervision department: every interval, takes a stats snapshot and logs one status line,
 * what the original program printed each second.
 */
final class Supervisor {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.loomfactory.status");

    private final Supplier<FactoryStats> stats;
    private final long intervalNanos;
    private volatile boolean stopped;
    private volatile Thread thread;

    Supervisor(Supplier<FactoryStats> stats, Duration interval) {
        this.stats = stats;
        this.intervalNanos = interval.toNanos();
    }

    /** Logs a status line every interval until {@link #stop()}. */
    void watch() {
        thread = Thread.currentThread();
        long next = System.nanoTime() + intervalNanos;
        while (!stopped && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(this, next - System.nanoTime());
            if (stopped || Thread.currentThread().isInterrupted()) {
                return;
            }
            if (System.nanoTime() - next >= 0) {
                next += intervalNanos;
                if (LOG.isInfoEnabled()) {
                    LOG.info(statusLine(stats.get()));
                }
            }
        }
    }

    void stop() {
        stopped = true;
        Thread watching = thread;
        if (watching != null) {
            LockSupport.unpark(watching);
        }
    }

    /** Renders a snapshot as one line. */
    static String statusLine(FactoryStats s) {
        return String.format("purchased %,.0f/s shipped %,.0f/s | line backlog %s | roster %s | transport %,d | rejected %,d | totals: purchased %,d processed %,d shipped %,d",
                s.purchasedPerSecond(), s.shippedPerSecond(), s.lineBacklogs(), s.rosters(), s.transportBacklog(),
                s.rejected(), s.purchased(), s.processed(), s.shipped())
                + String.format(" | early retired %,d | held ~%s", s.earlyRetirements(), HeapBudget.bytes(s.heldBytes()));
    }
}
