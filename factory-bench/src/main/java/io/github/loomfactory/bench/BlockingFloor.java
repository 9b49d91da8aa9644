package io.github.loomfactory.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.locks.LockSupport;

/**
 * The floor under W3: its material stream (uniform, K = 10,000 pids, N = 1,000,000) driving a
 * bare virtual thread per pid that sleeps 1 ms per material, and nothing else: no engine, no
 * belt, no products. Pid {@code p}'s thread is slot {@code p} of an array; it is started by the
 * pid's first material, sleeps once per material it was given, parks when it has slept them all,
 * and ends after the stream ends. The threads are forked into one {@link StructuredTaskScope}, as
 * a workshop's are. The clock runs from the first material made to the last thread ended.
 *
 * {@snippet lang=sh :
 * java -Xmx8g --enable-preview -cp factory-bench/target/benchmarks.jar \
 *     io.github.loomfactory.bench.BlockingFloor [--scale X]
 * }
 *
 * <p>Prints one line: {@code peer=floor workload=W3 materials=<n> threads=<k> seconds=<s> materials_per_s=<x>}.
 */
public final class BlockingFloor {
    static final String USAGE = "usage: BlockingFloor [--scale X]";

    private BlockingFloor() {
    }

    /**
     * Measures the floor.
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
        double scale = 1;
        try {
            if (args.length == 2 && args[0].equals("--scale")) {
                scale = Options.scale(args[1]);
            } else if (args.length != 0) {
                throw new IllegalArgumentException("unknown options (expected --scale X)");
            }
        } catch (IllegalArgumentException e) {
            err.println("BlockingFloor: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        int k = (int) Math.max(1, Math.round(Workload.W3.k * scale));
        long n = Math.max(1, Math.round(Workload.W3.n * scale));
        long start = System.nanoTime();
        long slept = lives(k, n);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (slept != n) {
            err.printf(Locale.ROOT, "BlockingFloor: %,d of %,d materials slept on%n", slept, n);
            return 1;
        }
        out.printf(Locale.ROOT, "peer=floor workload=W3 materials=%d threads=%d seconds=%.3f materials_per_s=%d%n",
                n, k, seconds, Math.round(n / Math.max(seconds, 1e-9)));
        out.flush();
        return 0;
    }

    /**
     * Drives W3's uniform stream of {@code n} materials over {@code k} pids through a thread per
     * pid that sleeps 1 ms per material.
     *
     * @return how many materials were slept on
     */
    static long lives(int k, long n) throws InterruptedException {
        var lives = new Life[k];
        var source = Materials.uniform(k, n);
        try (var scope = StructuredTaskScope.open(StructuredTaskScope.Joiner.<Object>awaitAll())) {
            while (source.hasNext()) {
                int pid = (int) source.next().id();
                Life life = lives[pid];
                if (life == null) {
                    lives[pid] = life = new Life();
                    scope.fork(life);
                } else {
                    life.give();
                }
            }
            for (Life life : lives) {
                if (life != null) {
                    life.end();
                }
            }
            scope.join();
        }
        long slept = 0;
        for (Life life : lives) {
            if (life != null) {
                slept += life.slept;
            }
        }
        return slept;
    }

    /** One pid's thread: sleeps 1 ms per material given, parks while it has slept them all. */
    private static final class Life implements Runnable {
        private volatile int given = 1;
        private volatile boolean ended;
        private volatile boolean parked;
        private volatile Thread thread;
        /** Materials slept on; read after the thread ended. */
        int slept;

        @Override
        public void run() {
            thread = Thread.currentThread();
            while (true) {
                if (slept < given) {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    slept++;
                    continue;
                }
                if (ended && slept == given) {
                    return;
                }
                parked = true;
                if (slept == given && !ended) {
                    LockSupport.park(this);
                }
                parked = false;
            }
        }

        /** Gives the thread one more material. Driving thread only. */
        void give() {
            given = given + 1;
            wake();
        }

        /** Tells the thread the stream has ended. Driving thread only. */
        void end() {
            ended = true;
            wake();
        }

        private void wake() {
            Thread t = thread;
            if (parked && t != null) {
                LockSupport.unpark(t);
            }
        }
    }
}
