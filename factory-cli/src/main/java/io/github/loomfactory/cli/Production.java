package io.github.loomfactory.cli;

import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.FactoryException;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.core.Factory;
import io.github.loomfactory.core.FactorySettings;
import io.github.loomfactory.core.FactoryStats;
import io.github.loomfactory.core.Leftovers;
import io.github.loomfactory.cli.web.LaneLag;
import io.github.loomfactory.cli.web.Readings;
import io.github.loomfactory.cli.web.WebOptions;
import io.github.loomfactory.cli.web.WebServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * One run of the command: purchases every material of a {@link Source} into a {@link Factory},
 * shows the live {@link Status}, and ends with a summary and an exit code.
 *
 * <p>Ending, by whichever comes first: the source ends, a limit is reached (materials, seconds,
 * rejects), the factory fails, or the process is told to stop (Ctrl-C, SIGTERM). On a signal a
 * shutdown hook stops purchasing and drains the factory (every accepted material is processed and
 * every product shipped; files are complete and closed) before the JVM exits; a second signal
 * while draining aborts the factory at once and reports what was left. The JVM's shutdown does
 * not see a second signal, so the run counts them in the signal handlers ({@link StopSignals}).
 *
 * <p>Whoever ends the run first (the main thread or the hook) finishes it, once: drains or aborts
 * the factory, closes the warehouse and the reject file, prints the summary. Exit codes: 0 done,
 * 1 failed (the factory failed, too many rejects, the input broke off).
 *
 * @param <M> the material type
 * @param <P> the product type
 */
final class Production<M extends Material, P extends Product> {
    /**
     * A source that purchases by itself, with positions (Kafka): started with the factory, told to
     * stop purchasing before the factory drains, closed (committing what the drain settled) after.
     */
    interface Feed<M extends Material> {
        void start(Factory<M, ?> factory);

        /** Whether the feed is done (idle long enough, or failed). */
        boolean done();

        /** Why the feed failed, or null. */
        String failure();

        void stopPurchasing() throws InterruptedException;

        void close();

        /** What the status line adds. */
        String status();

        /** What the summary adds, starting with "; ". */
        String summary();

        /** How far each of the feed's lanes is behind, for the web page and {@code /metrics}; none unless it says. */
        default List<LaneLag> lanes() {
            return List.of();
        }
    }

    /** When to stop purchasing, besides the end of the source: zero means no limit. */
    record Limits(long materials, Duration time, double rate, long maxRejects) {
    }

    private final Blueprint<M, P> blueprint;
    private final io.github.loomfactory.api.Warehouse<P> warehouse;
    private volatile Feed<M> feed;
    private final Rejects rejects;
    private final PrintStream out;
    private final PrintStream err;
    private final Factory<M, P> factory;
    private final Status status;
    private final long started = System.nanoTime();
    private volatile boolean stopping;
    private volatile boolean abortRequested;
    private volatile String signalled;
    private volatile Thread finishing;
    private String failure;
    private volatile Integer exitCode;
    private volatile Source<M> source;
    private volatile WebServer web;
    private volatile StopSignals signals;

    Production(Blueprint<M, P> blueprint, FactorySettings settings, io.github.loomfactory.api.Warehouse<P> warehouse, Rejects rejects,
            PrintStream out, PrintStream err, boolean terminal) {
        this.blueprint = blueprint;
        this.warehouse = warehouse;
        this.rejects = rejects;
        this.out = out;
        this.err = err;
        try {
            this.factory = Factory.builder(blueprint, warehouse)
                    .settings(settings.toBuilder().statusInterval(Duration.ZERO).build())
                    .deadLetters(rejection -> rejects.deadLetter(blueprint.name(), rejection))
                    .start();
        } catch (IllegalArgumentException tooBig) {
            throw new UsageException(EngineOptions.refusal(tooBig).replace("(-Xmx)", "(FACTORY_JAVA_OPTS=-Xmx...)"));
        }
        this.status = new Status(factory::stats, rejects::count, out, terminal, Duration.ofSeconds(1).toNanos(),
                () -> feed == null ? "" : " | " + feed.status());
    }

    /** Runs until the feed is done (or a signal, or too many rejects); returns the exit code. */
    int run(Feed<M> source, Limits limits) {
        return run(source, limits, new WebOptions());
    }

    /** Runs until the feed is done, serving the web page if {@code options} ask for it; returns the exit code. */
    int run(Feed<M> source, Limits limits, WebOptions options) {
        this.feed = source;
        source.start(factory);
        return run(new Source<M>() {
            @Override
            public M next() throws IOException {
                while (!stopping && !source.done() && !tooManyRejects(limits)) {
                    LockSupport.parkNanos(20_000_000L);
                }
                return null;
            }

            @Override
            public void close() {
            }
        }, limits, options);
    }

    /** Runs until the source ends or a limit is reached; returns the exit code. */
    int run(Source<M> source, Limits limits) {
        return run(source, limits, new WebOptions());
    }

    /**
     * Runs until the source ends or a limit is reached, serving the web page and {@code /metrics}
     * meanwhile if {@code options} ask for it; returns the exit code (1 if the server cannot
     * listen where asked: the run then buys nothing).
     */
    int run(Source<M> source, Limits limits, WebOptions options) {
        this.source = source;
        if (options.address().isPresent()) {
            var address = options.address().get();
            var readings = new Readings(blueprint.name(), factory.settings().eventTime(), factory::stats, rejects::count,
                    () -> feed == null ? List.of() : feed.lanes());
            try {
                web = WebServer.start(address, readings, factory.settings().workshops());
            } catch (IOException | RuntimeException e) {
                failure = "cannot serve --http " + address + ": " + e;
                return finish();
            }
            err.println("factory: serving " + web.uri() + " (the live page), " + web.uri().resolve("metrics") + " and "
                    + web.uri().resolve("stats.json") + " while the run lasts");
        }
        Thread hook = Thread.ofPlatform().name("factory-shutdown").unstarted(this::onSignal);
        Runtime.getRuntime().addShutdownHook(hook);
        signals = StopSignals.install(this::abortOnRepeat);
        status.start();
        try {
            purchase(source, limits);
        } catch (InterruptedException e) {
            abortRequested = true;
        } catch (Rejects.LimitExceeded e) {
            failure = e.getMessage();
        } catch (IOException | UncheckedIOException e) {
            failure = "input broke off: " + Json.oneLine(String.valueOf(e.getMessage()));
        } catch (FactoryException e) {
            // the factory failed: close() in finish() says why
        } catch (RuntimeException e) {
            failure = "the run broke off: " + Json.oneLine(String.valueOf(e));
        } finally {
            try {
                source.close();
            } catch (IOException e) {
                err.println("factory: cannot close the input: " + e.getMessage());
            }
        }
        int code = finish();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            signals.close();
        } catch (IllegalStateException shuttingDown) {
            // a signal came meanwhile: the hook finds the run finished
        }
        return code;
    }

    private void purchase(Source<M> source, Limits limits) throws IOException, InterruptedException {
        long deadline = limits.time().isZero() ? Long.MAX_VALUE : started + limits.time().toNanos();
        double nanosPerMaterial = limits.rate() > 0 ? 1e9 / limits.rate() : 0;
        long bought = 0;
        while (!stopping) {
            if (limits.materials() > 0 && bought >= limits.materials() || System.nanoTime() - deadline >= 0
                    || tooManyRejects(limits)) {
                return;
            }
            M material = source.next();
            if (material == null || tooManyRejects(limits)) {
                return;
            }
            if (nanosPerMaterial > 0) {
                long due = started + (long) (bought * nanosPerMaterial);
                while (!stopping && System.nanoTime() - due < 0) {
                    LockSupport.parkNanos(Math.min(due - System.nanoTime(), 50_000_000L));
                }
            }
            try {
                factory.purchase(material);
            } catch (IllegalStateException closed) {
                if (!stopping) {
                    throw closed; // not the shutdown hook closing the factory: a real failure
                }
                return;
            }
            bought++;
        }
    }

    private boolean tooManyRejects(Limits limits) {
        if (limits.maxRejects() > 0 && rejects.count() > limits.maxRejects()) {
            failure = "stopped after " + rejects.count() + " rejects (more than --max-rejects " + limits.maxRejects() + ")";
            return true;
        }
        return false;
    }

    /** The shutdown hook: a signal came before the run finished. */
    private void onSignal() {
        if (exitCode != null) {
            return;
        }
        StopSignals counted = signals;
        signalled = counted == null || counted.first() == null ? "stopping" : counted.first();
        stopping = true;
        Source<M> input = source;
        if (input != null) {
            input.stop(); // a live capture waiting for packets returns
        }
        status.say(err, "factory: " + signalled + ": finishing the accepted work (send it again to abort)");
        finish();
    }

    /** A stop signal came again: abort the drain at once (a signal handler's thread). */
    private void abortOnRepeat() {
        abortRequested = true;
        Thread draining = finishing;
        if (draining != null) {
            draining.interrupt();
        }
    }

    /** Drains (or aborts) the factory, closes the files, prints the summary; once, whoever comes first. */
    private synchronized int finish() {
        if (exitCode != null) {
            return exitCode;
        }
        finishing = Thread.currentThread();
        stopping = true;
        status.draining();
        Leftovers<M, P> left = null;
        Feed<M> feeding = feed;
        if (feeding != null) {
            try {
                feeding.stopPurchasing();
            } catch (InterruptedException e) {
                abortRequested = true;
            }
            if (failure == null) {
                failure = feeding.failure();
            }
        }
        if (abortRequested) {
            left = factory.abort(Duration.ZERO);
        } else {
            try {
                factory.close();
            } catch (FactoryException e) {
                failure = "the run failed: " + Json.oneLine(String.valueOf(e.getMessage()));
            }
            if (Thread.interrupted() || abortRequested) {
                abortRequested = true;
                left = factory.abort(Duration.ZERO);
            }
        }
        if (feeding != null) {
            feeding.close();
        }
        status.stop();
        try {
            warehouse.close();
        } catch (Exception e) {
            failure = "cannot close the warehouse: " + e.getMessage();
        }
        try {
            rejects.close();
        } catch (IOException e) {
            failure = "cannot close " + rejects.file() + ": " + e.getMessage();
        }
        if (web != null) {
            web.close();
        }
        FactoryStats stats = factory.stats();
        out.println(summary(stats, left));
        out.flush();
        if (failure != null) {
            err.println("factory: " + failure);
        }
        exitCode = failure != null || left != null ? 1 : 0;
        return exitCode;
    }

    private String summary(FactoryStats stats, Leftovers<M, P> left) {
        double seconds = (System.nanoTime() - started) / 1e9;
        var text = new StringBuilder();
        text.append(left != null ? "aborted" : signalled != null ? "stopped (" + signalled + ")" : failure != null ? "failed" : "done");
        String where = warehouse instanceof FileWarehouse<P> files ? files.files().size() + " file(s) in " + files.dir() : warehouse.toString();
        text.append(String.format(Locale.ROOT, " after %.1f s: purchased %,d, processed %,d, shipped %,d products to %s",
                seconds, stats.purchased(), stats.processed(), stats.shipped(), where));
        text.append(String.format(Locale.ROOT, ", workers hired %,d, rejects %,d", stats.hires(), rejects.count()));
        if (stats.earlyRetirements() > 0) {
            text.append(String.format(Locale.ROOT, ", retired early %,d (roster cap %,d)", stats.earlyRetirements(),
                    factory.settings().rosterCap()));
        }
        if (stats.failures() > 0) {
            text.append(String.format(Locale.ROOT, ", failed inspections and retirements %,d (logged above)", stats.failures()));
        }
        if (rejects.count() > 0) {
            text.append(" (see ").append(rejects.file()).append(')');
        }
        if (left != null) {
            text.append("; left undone: ").append(left);
        }
        if (feed != null) {
            text.append(feed.summary());
        }
        return text.toString();
    }

    Blueprint<M, P> blueprint() {
        return blueprint;
    }
}
