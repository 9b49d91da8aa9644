package io.github.loomfactory.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The floor under W4: its material stream driving a bare virtual thread per pid, and nothing
 * else. No engine, no belt, no products, no map: pid {@code p}'s thread is slot {@code p} of an
 * array. Whatever an engine with a virtual thread per live pid does on W4, it pays at least this.
 *
 * <p>Each pid's thread lives as a worker does on W4: it is started by the pid's first material,
 * parks, is woken once per later material, and is told to end after the last material of the
 * stream (the drain). The threads are forked into one {@link StructuredTaskScope}, as a
 * workshop's are ({@code --scope structured}), or started as plain virtual threads
 * ({@code --scope none}), which shows what the scope itself costs. The clock runs from the first
 * material made to the last thread ended. Before it starts, a few thousand lives are run the same
 * way, so that the JIT has seen threads end (as the engine's primer does).
 *
 * {@snippet lang=sh :
 * java -Xmx8g --enable-preview -cp factory-bench/target/benchmarks.jar \
 *     io.github.loomfactory.bench.Floor --scope structured
 * }
 *
 * <p>Options: {@code --k} (pids, default 1,000,000), {@code --per} (materials per pid,
 * default 2), {@code --scale} (multiplies K), {@code --scope structured|none}. Prints one line:
 * {@code peer=floor workload=W4 scope=<scope> materials=<n> threads=<k> seconds=<s> materials_per_s=<x>}.
 */
public final class Floor {
    static final String USAGE = "usage: Floor [--k N] [--per N] [--scale X] [--scope structured|none]";
    private static final int PRIMING_PIDS = 4096;

    private Floor() {
    }

    /**
     * Measures the floor named on the command line.
     *
     * @param args the command line
     * @throws InterruptedException if interrupted while waiting for the threads
     */
    public static void main(String[] args) throws InterruptedException {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs a command line, printing the result line to {@code out}; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        Settings settings;
        try {
            settings = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("Floor: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        lives(PRIMING_PIDS, settings.per(), settings.structured());
        long start = System.nanoTime();
        long ended = lives(settings.k(), settings.per(), settings.structured());
        double seconds = (System.nanoTime() - start) / 1e9;
        long materials = (long) settings.k() * settings.per();
        if (ended != settings.k()) {
            err.printf(Locale.ROOT, "Floor: only %,d of %,d threads lived to the end%n", ended, settings.k());
            return 1;
        }
        out.printf(Locale.ROOT, "peer=floor workload=W4 scope=%s materials=%d threads=%d seconds=%.3f materials_per_s=%d%n",
                settings.structured() ? "structured" : "none", materials, settings.k(), seconds,
                Math.round(materials / Math.max(seconds, 1e-9)));
        out.flush();
        return 0;
    }

    /**
     * Drives W4's stream of {@code k} pids times {@code per} materials through a thread per pid.
     *
     * @return how many threads saw all their materials and the end
     */
    static long lives(int k, int per, boolean structured) throws InterruptedException {
        var lives = new Life[k];
        var source = Materials.exact(k, per, k);
        if (structured) {
            try (var scope = StructuredTaskScope.open(StructuredTaskScope.Joiner.<Object>awaitAll())) {
                drive(source, per, lives, life -> scope.fork(life));
                scope.join();
            }
        } else {
            var threads = new Thread[k];
            drive(source, per, lives, life -> threads[life.pid] = Thread.ofVirtual().start(life));
            for (Thread thread : threads) {
                thread.join();
            }
        }
        long ended = 0;
        for (Life life : lives) {
            if (life.seen == per + 1) {
                ended++;
            }
        }
        return ended;
    }

    private static void drive(Materials source, int per, Life[] lives, Consumer<Life> start) {
        while (source.hasNext()) {
            int pid = (int) source.next().id();
            Life life = lives[pid];
            if (life == null) {
                lives[pid] = life = new Life(pid, per);
                start.accept(life);
            } else {
                life.next();
            }
        }
        for (Life life : lives) {
            life.next();
        }
    }

    /**
     * One pid's thread: it counts the steps it is given (materials, then the end) and parks while
     * it has seen them all. Ends on the step after {@code per} materials.
     */
    private static final class Life implements Runnable {
        final int pid;
        private final int per;
        private volatile int steps = 1;
        private volatile boolean parked;
        private volatile Thread thread;
        /** The steps this thread has taken; read after it ended. */
        int seen;

        Life(int pid, int per) {
            this.pid = pid;
            this.per = per;
        }

        @Override
        public void run() {
            thread = Thread.currentThread();
            while (true) {
                int given = steps;
                if (given == seen) {
                    parked = true;
                    if (steps == seen) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    continue;
                }
                seen = given;
                if (given > per) {
                    return;
                }
            }
        }

        /** Gives the thread its next step. Called by the driving thread only. */
        void next() {
            steps = steps + 1;
            if (parked) {
                LockSupport.unpark(thread);
            }
        }
    }

    /**
     * The resolved command line.
     *
     * @param k pids, one thread each
     * @param per materials per pid
     * @param structured whether the threads are forked into a scope
     */
    record Settings(int k, int per, boolean structured) {

        /**
         * Parses a command line; {@code --scale} multiplies K (given or default).
         *
         * @throws IllegalArgumentException naming the option and the bad value
         */
        static Settings parse(String... args) {
            long k = Workload.W4.k;
            long per = Workload.W4.n / Workload.W4.k;
            double scale = 1;
            boolean structured = true;
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = args[++i];
                switch (flag) {
                    case "--k" -> k = Options.positive(flag, value);
                    case "--per" -> per = Options.positive(flag, value);
                    case "--scale" -> scale = Options.scale(value);
                    case "--scope" -> structured = switch (value) {
                        case "structured" -> true;
                        case "none" -> false;
                        default -> throw new IllegalArgumentException("--scope must be structured or none: " + value);
                    };
                    default -> throw new IllegalArgumentException("unknown option " + flag
                            + " (expected --k, --per, --scale or --scope)");
                }
            }
            long pids = Math.max(1, Math.round(k * scale));
            if (pids > Integer.MAX_VALUE - 8 || per > Integer.MAX_VALUE - 1) {
                throw new IllegalArgumentException("--k times --scale and --per must each fit in an int: " + pids + ", " + per);
            }
            return new Settings((int) pids, (int) per, structured);
        }
    }
}
