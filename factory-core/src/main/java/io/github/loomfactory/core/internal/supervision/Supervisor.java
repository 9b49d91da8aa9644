package io.github.loomfactory.core.internal.supervision;

import io.github.loomfactory.core.FactoryStats;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The supervision department: every interval, takes a stats snapshot and logs one status line,
 * what the original program printed each second.
 */
public final class Supervisor {
    private static final Logger LOG = LoggerFactory.getLogger("io.github.loomfactory.status");

    private final Supplier<FactoryStats> stats;
    private final long intervalMillis;
    private final InstantSource clock;
    private volatile boolean stopped;
    private volatile Thread thread;

    public Supervisor(Supplier<FactoryStats> stats, Duration interval, InstantSource clock) {
        this.stats = stats;
        this.intervalMillis = Math.max(1, interval.toMillis());
        this.clock = clock;
    }

    /**
     * Takes a snapshot (the base of the next interval's rates) and logs a status line every
     * interval of the factory's clock, until {@link #stop()}.
     */
    public void watch() {
        thread = Thread.currentThread();
        long next = clock.millis() + intervalMillis;
        while (!stopped) {
            try {
                Pause.until(clock, next, () -> stopped);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (stopped) {
                return;
            }
            long now = clock.millis();
            next = Math.max(next + intervalMillis, now + 1);
            FactoryStats snapshot = stats.get();
            if (LOG.isInfoEnabled()) {
                LOG.info(statusLine(snapshot));
            }
        }
    }

    public void stop() {
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
