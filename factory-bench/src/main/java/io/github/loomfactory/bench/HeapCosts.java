package io.github.loomfactory.bench;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Emitter;
import io.github.loomfactory.api.Retirement;
import io.github.loomfactory.api.Shipment;
import io.github.loomfactory.api.Warehouse;
import io.github.loomfactory.core.Factory;
import io.github.loomfactory.core.FactorySettings;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Measures what the factory's queues and workers hold per item, the costs behind the heap-derived
 * defaults of {@link FactorySettings} (its worst-case formula), and checks them against it:
 * <ul>
 * <li><b>material</b>: one pid whose assembly holds its first material, so its belt fills, then
 *     its director's batch, then the production line; heap after GC with all of them held, less
 *     heap after GC of the started factory, over the materials held (W1's {@link Part});
 * <li><b>product</b>: a warehouse that holds its first shipment, so the transportation line
 *     fills with W1's {@link Output.Piece} products of one worker; the growth over the products held;
 * <li><b>worker</b>: W4's measure on {@code k} pids: one material each, contract 60 s, every
 *     worker parked and alive; the growth over the workers (engine and virtual thread only: the
 *     assembly keeps nothing).
 * </ul>
 * The formula's costs are read back from {@link FactorySettings#worstCaseHeap()} (the difference
 * one more material, worker or product makes), so they stay in one place, the engine's sizing
 * class. Prints one line and exits 0 if every measured cost is within the formula's (the worker's
 * within half of it, the other half being room for the assembly's state), 1 if not.
 */
public final class HeapCosts {
    static final String USAGE = "usage: HeapCosts [--line N] [--transport N] [--k N]";
    private static final Duration WAIT = Duration.ofMinutes(5);

    private HeapCosts() {
    }

    /** What was measured and what the formula assumes, in bytes per item. */
    record Costs(double material, double product, double worker, long materialBudget, long productBudget, long workerBudget) {
        boolean withinBudget() {
            return material <= materialBudget && product <= productBudget && worker <= workerBudget / 2.0;
        }

        String line() {
            return String.format(Locale.ROOT,
                    "heap_costs material_bytes=%.0f material_budget=%d product_bytes=%.0f product_budget=%d"
                            + " worker_bytes=%.0f worker_budget=%d ok=%b",
                    material, materialBudget, product, productBudget, worker, workerBudget, withinBudget());
        }
    }

    /**
     * Runs the measures.
     *
     * @param args {@code --line N} (materials held, default 1,048,576), {@code --transport N}
     *     (products held, default 1,048,576), {@code --k N} (workers, default 200,000)
     */
    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        int line = 1 << 20;
        int transport = 1 << 20;
        int k = 200_000;
        try {
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                int value = positive(args[i], args[i + 1]);
                switch (args[i]) {
                    case "--line" -> line = value;
                    case "--transport" -> transport = value;
                    case "--k" -> k = value;
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + " (expected --line, --transport or --k)");
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("HeapCosts: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        var costs = new Costs(material(line), product(transport), worker(k), budget(Item.MATERIAL), budget(Item.PRODUCT),
                budget(Item.WORKER));
        out.println(costs.line());
        return costs.withinBudget() ? 0 : 1;
    }

    private enum Item { MATERIAL, PRODUCT, WORKER }

    /** The formula's cost of one more item, read back from the engine's worst case. */
    static long budget(Item item) {
        var base = FactorySettings.builder().workshops(1).lineCapacity(1 << 12).beltCapacity(1).beltLoad(1 << 12).rosterCap(1 << 10)
                .transportCapacity(1 << 12).shipmentSize(1).build();
        var more = switch (item) {
            // the belts' load counts each material it lets the belts hold once
            case MATERIAL -> base.toBuilder().beltLoad((1 << 12) + (2 << 12)).build();
            case PRODUCT -> base.toBuilder().transportCapacity(2 << 12).build();
            case WORKER -> base.toBuilder().rosterCap(2 << 10).build();
        };
        long items = switch (item) {
            case MATERIAL -> 2L << 12;
            case PRODUCT -> 1 << 12;
            case WORKER -> 1 << 10;
        };
        return (more.worstCaseHeap() - base.worstCaseHeap()) / items;
    }

    /** Heap per material held on a line, in a director's batch and on a belt. */
    static double material(int line) throws InterruptedException {
        var release = new CountDownLatch(1);
        var settings = quiet().workshops(1).lineCapacity(line).build();
        var factory = Factory.builder(new Holding(release), new Counting(null)).settings(settings).start();
        try {
            long before = HeapGauge.usedAfterGc();
            var buyer = Thread.ofPlatform().name("heap-costs-buyer").start(() -> {
                try {
                    for (long seq = 0; ; seq++) {
                        factory.purchase(Part.of(0, seq, seq % 1000));
                    }
                } catch (InterruptedException | RuntimeException e) {
                    Thread.currentThread().interrupt();
                }
            });
            await("the line fills", () -> factory.stats().lineBacklog() == line);
            // everything bought is held: on the line, in the director's batch, on the belt, in hand
            long held = factory.stats().purchased();
            long after = HeapGauge.usedAfterGc();
            release.countDown();
            buyer.interrupt();
            return (after - before) / (double) held;
        } finally {
            release.countDown();
            factory.abort(Duration.ofSeconds(30));
        }
    }

    /** Heap per product held on the transportation line. */
    static double product(int transport) throws InterruptedException {
        var release = new CountDownLatch(1);
        var settings = quiet().workshops(1).lineCapacity(64).beltCapacity(64).transportCapacity(transport)
                .shipmentSize(1000).build();
        var warehouse = new Counting(release);
        var factory = Factory.builder(new Mapping(), warehouse).settings(settings).start();
        try {
            long before = HeapGauge.usedAfterGc();
            var buyer = Thread.ofPlatform().name("heap-costs-buyer").start(() -> {
                try {
                    for (long seq = 0; ; seq++) {
                        factory.purchase(Part.of(0, seq, seq % 1000));
                    }
                } catch (InterruptedException | RuntimeException e) {
                    Thread.currentThread().interrupt();
                }
            });
            await("the transportation line fills", () -> factory.stats().transportBacklog() >= transport);
            await("purchasing stops", () -> {
                long bought = factory.stats().purchased();
                LockSupportSleep.millis(200);
                return factory.stats().purchased() == bought;
            });
            var stats = factory.stats();
            long after = HeapGauge.usedAfterGc();
            long products = stats.emitted();
            // the materials held meanwhile on the short line and belt are counted at their own cost
            long materials = stats.purchased() - stats.processed();
            double materialBytes = material(1 << 16);
            release.countDown();
            buyer.interrupt();
            return (after - before - materials * materialBytes) / products;
        } finally {
            release.countDown();
            factory.abort(Duration.ofSeconds(30));
        }
    }

    /** Heap per live parked worker: W4's measure. */
    static double worker(int k) throws InterruptedException {
        var settings = quiet().workshops(2).contract(Duration.ofSeconds(60)).rosterCap(Math.max(2, k + k / 10)).build();
        var factory = Factory.builder(new Mapping(), new Counting(null)).settings(settings).start();
        try {
            long before = HeapGauge.usedAfterGc();
            for (long pid = 0; pid < k; pid++) {
                factory.purchase(Part.of(pid, 0, pid % 1000));
            }
            await("every worker is alive with nothing left to do", () -> {
                var stats = factory.stats();
                return stats.processed() == k && stats.liveWorkers() == k && stats.shipped() == k;
            });
            long after = HeapGauge.usedAfterGc();
            return (after - before) / (double) k;
        } finally {
            factory.close();
        }
    }

    private static FactorySettings.Builder quiet() {
        return FactorySettings.builder().statusInterval(Duration.ZERO);
    }

    private static int positive(String option, String text) {
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(option + " must be a positive integer: " + text);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("HeapCosts: not within " + WAIT + ": " + what);
            }
            LockSupportSleep.millis(10);
        }
    }

    /** Sleeps without an interrupt to handle: only this runner's polling uses it. */
    private static final class LockSupportSleep {
        static void millis(long millis) {
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
        }
    }

    /** Holds its first material until released: its belt, its director's batch and its line fill up. */
    private record Holding(CountDownLatch release) implements Blueprint<Part, Output> {
        @Override
        public String name() {
            return "holding";
        }

        @Override
        public Class<Part> materialType() {
            return Part.class;
        }

        @Override
        public Class<Output> productType() {
            return Output.class;
        }

        @Override
        public Assembly<Part, Output> newAssembly(Object pid) {
            return (part, out) -> release.await();
        }
    }

    /** W1's work: one product per material. */
    private record Mapping() implements Blueprint<Part, Output> {
        @Override
        public String name() {
            return "mapping";
        }

        @Override
        public Class<Part> materialType() {
            return Part.class;
        }

        @Override
        public Class<Output> productType() {
            return Output.class;
        }

        @Override
        public Assembly<Part, Output> newAssembly(Object pid) {
            return new Assembly<>() {
                @Override
                public void accept(Part part, Emitter<Output> out) {
                    out.emit(new Output.Piece(part.id(), part.seq(), part.value() * 2));
                }

                @Override
                public void retire(Retirement why, Emitter<Output> out) {
                }
            };
        }
    }

    /** Counts what it receives; with a latch, holds its first shipment until released. */
    private static final class Counting implements Warehouse<Output> {
        private final CountDownLatch release;

        Counting(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public void receive(Shipment<Output> shipment) throws Exception {
            if (release != null) {
                release.await();
            }
        }

        @Override
        public void close() {
        }
    }
}
