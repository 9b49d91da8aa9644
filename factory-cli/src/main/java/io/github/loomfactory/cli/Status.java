package io.github.loomfactory.cli;

import io.github.loomfactory.core.FactoryStats;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The live status: once a second, one line read from the factory's stats: purchase and shipping
 * rates, backlog per production line, roster size per workshop, rejects, workers retired early
 * (the roster at its cap) and the estimated heap the factory holds. On a terminal the line
 * is redrawn in place; otherwise each is printed on its own line. Runs on its own daemon thread.
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
        String line = line(last, now, (nanos - lastNanos) / 1e9, rejects.getAsLong()) + extra.get();
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

    /** One status line: rates over {@code seconds} between two snapshots, backlogs and rosters of the later one. */
    static String line(FactoryStats before, FactoryStats now, double seconds, long rejects) {
        double purchased = seconds > 0 ? (now.purchased() - before.purchased()) / seconds : 0;
        double shipped = seconds > 0 ? (now.shipped() - before.shipped()) / seconds : 0;
        return String.format(Locale.ROOT, "purchased %,.0f/s shipped %,.0f/s | backlog %s | roster %s | rejects %,d",
                purchased, shipped, list(now.lineBacklogs()), list(now.rosters()), rejects)
                + String.format(Locale.ROOT, " | retired early %,d | held ~%s", now.earlyRetirements(), Bytes.format(now.heldBytes()));
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
