package io.github.loomfactory.bench;

import io.github.loomfactory.api.FactoryException;
import io.github.loomfactory.core.FactorySettings;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One run of a workload of BENCHMARKS.md, end to end through an engine: make the stream,
 * purchase every material, close (drain), then check what the warehouse counted.
 *
 * <p>The clock runs from the first material made to the last product the warehouse counted
 * (after the final shipment: drain included). For W4, when measuring, purchasing pauses right
 * after the material that gives the last pid its first material (contract 60 s, so none has
 * retired): the runner waits until every purchased material has been handled and the roster
 * holds all K workers, collects garbage, and takes heap per worker against the heap measured
 * the same way before the first material. The collection and measurement are left off the
 * clock; the wait for the engine to catch up is not, as it is work the engine had to do.
 */
final class Scenario {
    private static final long PROGRESS_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long ROSTER_WAIT_NANOS = TimeUnit.MINUTES.toNanos(2);

    private Scenario() {
    }

    /**
     * Runs {@code options}.
     *
     * @param measure whether to sample the heap, measure W4's heap per worker and print progress
     * @param log where progress and trouble go (stderr)
     * @return the result; not ok if the self-check failed or the engine failed
     * @throws InterruptedException if interrupted while purchasing
     */
    static Result run(Options options, boolean measure, PrintStream log) throws InterruptedException {
        Workload workload = options.workload();
        String peer = options.impl().label();
        var order = new OrderCheck(options.k());
        var warehouse = new CountingWarehouse();
        var expected = new Expected(workload.productPerPid());
        Materials source = workload.stream(options.k(), options.n());
        var settings = FactorySettings.builder()
                .workshops(options.workshops())
                .contract(Duration.ofMillis(options.contractMillis()))
                .statusInterval(Duration.ZERO)
                .primer(true) // W4's million workers retire together at the drain: see FactorySettings.primer
                .build();
        boolean roster = measure && workload == Workload.W4;
        var problems = new ArrayList<String>();
        long perWorker = -1;
        long paused = 0;
        long peak = 0;
        double seconds;
        var purchased = new AtomicLong();
        try (var gauge = measure ? HeapGauge.start() : null) {
            Engine<Part> engine = Engine.start(options.impl(), new Work(workload.kind, order), warehouse, settings);
            long before = roster ? HeapGauge.usedAfterGc() : 0;
            long start = System.nanoTime();
            Thread progress = null;
            try {
                if (measure) {
                    progress = progress(options, engine, warehouse, purchased, start, log);
                }
                long started = 0;
                while (source.hasNext()) {
                    Part part = source.next();
                    expected.add(part);
                    engine.purchase(part);
                    if ((source.made() & 0xFFFF) == 0) {
                        purchased.lazySet(source.made());
                    }
                    if (roster && part.seq() == 0 && ++started == options.k()) {
                        long[] measured = perWorker(engine, options.k(), before, source.made(), log);
                        perWorker = measured[0];
                        paused = measured[1];
                    }
                }
                purchased.set(source.made());
                engine.close();
            } catch (FactoryException e) {
                problems.add("the engine failed: " + e.getMessage());
            } finally {
                if (progress != null) {
                    progress.interrupt();
                }
                try {
                    engine.close();
                } catch (FactoryException e) {
                    // reported above
                }
            }
            long end = warehouse.lastCountedNanos() != 0 ? warehouse.lastCountedNanos() : System.nanoTime();
            seconds = Math.max(0, end - start - paused) / 1e9;
            if (gauge != null) {
                peak = gauge.peak();
            }
        }
        if (problems.isEmpty()) {
            problems.addAll(Check.problems(expected, warehouse, order));
        }
        if (roster && perWorker < 0) {
            problems.add("heap per worker was not measured: the roster never held all " + options.k() + " workers");
        }
        return new Result(peer, workload, source.made(), warehouse.products(), seconds, peak, perWorker, problems);
    }

    /**
     * Waits until the engine has handled all {@code purchased} materials with {@code k} live
     * workers, then measures heap per worker against {@code before}.
     *
     * @return the bytes per worker (or -1 if the roster did not reach {@code k}), and the nanoseconds
     *     spent collecting and measuring
     */
    private static long[] perWorker(Engine<Part> engine, int k, long before, long purchased, PrintStream log)
            throws InterruptedException {
        engine.flush();
        long deadline = System.nanoTime() + ROSTER_WAIT_NANOS;
        while (engine.liveWorkers() != k || engine.processed() != purchased) {
            if (System.nanoTime() - deadline > 0) {
                log.printf(Locale.ROOT, "heap per worker: gave up waiting: %d live workers of %d, %d of %d materials handled%n",
                        engine.liveWorkers(), k, engine.processed(), purchased);
                return new long[] {-1, 0};
            }
            Thread.sleep(10);
        }
        long from = System.nanoTime();
        long after = HeapGauge.usedAfterGc();
        long live = engine.liveWorkers();
        long bytes = live == k ? (after - before) / k : -1;
        log.printf(Locale.ROOT, "heap per worker: %,d live workers, heap %,d B before the first material, %,d B now: %,d B each%n",
                live, before, after, bytes);
        return new long[] {bytes, System.nanoTime() - from};
    }

    private static Thread progress(Options options, Engine<Part> engine, CountingWarehouse warehouse, AtomicLong purchased,
            long start, PrintStream log) {
        String name = "[" + options.workload() + " " + options.impl().label() + "]";
        return Thread.ofPlatform().name("progress").daemon().start(() -> {
            try {
                while (true) {
                    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(PROGRESS_NANOS));
                    double seconds = (System.nanoTime() - start) / 1e9;
                    log.printf(Locale.ROOT, "%s %.0f s: %,d of %,d materials purchased, %,d handled, %,d live workers,"
                            + " %,d products counted, heap %,d MB%n", name, seconds, purchased.get(), options.n(),
                            engine.processed(), engine.liveWorkers(), warehouse.products(), HeapGauge.used() >> 20);
                }
            } catch (InterruptedException e) {
                // the run is over
            }
        });
    }
}
