package io.github.loomfactory.cli;

import io.github.loomfactory.core.FactoryStats;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The live status: once a second, one line read from the factory's stats: purchase, processing
 * and shipping rates, backlog per production line, materials on the workers' belts, roster size
 * per workshop and workers still retiring, rejects, workers retired early (the roster at its cap)
 * and the estimated heap the factory holds; while the factory drains, the line starts
 * with what is left ({@code draining: 734,000 materials left}), so a drain never looks hung.
 * On a terminal the line is redrawn in place and {@link #say} clears it before a message, so no
 * message is glued to it; otherwise each line is printed on its own. Runs on its own daemon thread.
 */
final class Status {
    private final Supplier<FactoryStats> stats;
    private final Supplier<String> extra;
    private final LongSupplier rejects;
    private final PrintStream out;
    private final boolean terminal;
    private final long intervalNanos;
    private Thread thread;
    private volatile boolean stopped;
    private volatile boolean draining;
    private boolean drawn;
    private FactoryStats last;
    private long lastNanos;

    Status(Supplier<FactoryStats> stats, LongSupplier rejects, PrintStream out, boolean terminal, long intervalNanos) {
        this(stats, rejects, out, terminal, intervalNanos, () -> "");
    }

    /** A status whose line ends with what {@code extra} says (a source's lag and commits). */
    Status(Supplier<FactoryStats> stats, LongSupplier rejects, PrintStream out, boolean terminal, long intervalNanos,
            Supplier<String> extra) {
        this.extra = extra;
        this.stats = stats;
        this.rejects = rejects;
        this.out = out;
        this.terminal = terminal;
        this.intervalNanos = intervalNanos;
    }

    /** Whether the standard output is a terminal (rather than a file or a pipe). */
    static boolean stdoutIsTerminal() {
        var console = System.console();
        return console != null && console.isTerminal();
    }

    void start() {
        last = stats.get();
        lastNanos = System.nanoTime();
        thread = Thread.ofPlatform().daemon().name("factory-status").start(this::watch);
    }

    private void watch() {
        long next = System.nanoTime() + intervalNanos;
        while (!stopped) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(this, wait);
                continue;
            }
            next += intervalNanos;
            print();
        }
    }

    private synchronized void print() {
        if (stopped) {
            return;
        }
        FactoryStats now = stats.get();
        long nanos = System.nanoTime();
        String line = line(last, now, (nanos - lastNanos) / 1e9, rejects.getAsLong(), draining) + extra.get();
        last = now;
        lastNanos = nanos;
        if (terminal) {
            out.print("\r" + line + "\033[K");
            drawn = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** From now on the line says what the drain has left to do. */
    void draining() {
        draining = true;
    }

    /**
     * Prints {@code message} on {@code stream} on a line of its own: on a terminal the status line
     * is cleared first (the next tick draws it again below the message).
     */
    synchronized void say(PrintStream stream, String message) {
        if (terminal && drawn && !stopped) {
            out.print("\r\033[K");
            out.flush();
        }
        stream.println(message);
        stream.flush();
    }

    /** Stops the updates; on a terminal ends the redrawn line. */
    void stop() {
        synchronized (this) {
            stopped = true;
            if (drawn) {
                out.println();
                out.flush();
            }
        }
        if (thread != null) {
            java.util.concurrent.locks.LockSupport.unpark(thread);
        }
    }

    /**
     * One status line: rates over {@code seconds} between two snapshots, backlogs and rosters of
     * the later one, e.g. {@code purchased 5,012/s processed 4,990/s shipped 4,980/s | lines [12 3]
     * belts 40 | roster [2,431 2,399] retiring 7 | rejects 0}; with {@code draining}, prefixed by
     * {@code draining: 734,000 materials left | }.
     */
    static String line(FactoryStats before, FactoryStats now, double seconds, long rejects, boolean draining) {
        double purchased = rate(before.purchased(), now.purchased(), seconds);
        double processed = rate(before.processed(), now.processed(), seconds);
        double shipped = rate(before.shipped(), now.shipped(), seconds);
        // counters are read one after another: clamp what their differences estimate
        long unprocessed = Math.max(0, now.purchased() - now.processed());
        long onBelts = Math.max(0, unprocessed - now.lineBacklog());
        long retiring = Math.max(0, now.hires() - now.retirements() - now.liveWorkers());
        String left = draining ? String.format(Locale.ROOT, "draining: %,d materials left | ", unprocessed) : "";
        return left + String.format(Locale.ROOT,
                "purchased %,.0f/s processed %,.0f/s shipped %,.0f/s | lines %s belts %,d | roster %s retiring %,d | rejects %,d",
                purchased, processed, shipped, list(now.lineBacklogs()), onBelts, list(now.rosters()), retiring, rejects)
                + String.format(Locale.ROOT, " | retired early %,d | held ~%s", now.earlyRetirements(), Bytes.format(now.heldBytes()));
    }

    private static double rate(long before, long now, double seconds) {
        return seconds > 0 ? Math.max(0, now - before) / seconds : 0;
    }

    private static String list(List<Integer> values) {
        var text = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(String.format(Locale.ROOT, "%,d", values.get(i)));
        }
        return text.append(']').toString();
    }
}
