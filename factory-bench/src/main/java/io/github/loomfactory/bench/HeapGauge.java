package io.github.loomfactory.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The heap figures of a run: the peak of heap used, sampled every 100 ms on a daemon thread, and
 * heap used after garbage collection.
 */
final class HeapGauge implements AutoCloseable {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private static final long PERIOD_MILLIS = 100;

    private final Thread sampler;
    private volatile long peak;
    private volatile boolean stopped;

    private HeapGauge() {
        this.sampler = Thread.ofPlatform().name("heap-gauge").daemon().unstarted(this::sample);
    }

    /** Starts sampling. */
    static HeapGauge start() {
        var gauge = new HeapGauge();
        gauge.sampler.start();
        return gauge;
    }

    /** Returns the heap used now, in bytes. */
    static long used() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** Collects garbage a few times, then returns the heap used, in bytes. */
    static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return used();
    }

    /** Returns the largest heap-used sample so far, in bytes. */
    long peak() {
        return Math.max(peak, used());
    }

    private void sample() {
        while (!stopped) {
            long used = used();
            if (used > peak) {
                peak = used;
            }
            try {
                Thread.sleep(PERIOD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Stops sampling. */
    @Override
    public void close() {
        stopped = true;
        sampler.interrupt();
    }
}
