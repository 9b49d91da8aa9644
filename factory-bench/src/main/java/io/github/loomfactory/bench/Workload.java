package io.github.loomfactory.bench;

/**
 * The workloads of BENCHMARKS.md, with their default sizes and contracts.
 */
enum Workload {
    /** Map: one product per material, nothing done per material. */
    W1(100_000, 20_000_000, 5_000, Work.Kind.MAP, 0),
    /** Assemble: ten materials per pid folded into one product, on contract expiry or at drain. */
    W2(1_000_000, 10_000_000, 200, Work.Kind.FOLD, 1_000),
    /** Blocking: a blocking call ({@code Thread.sleep(1)}) per material, one product per material. */
    W3(10_000, 1_000_000, 5_000, Work.Kind.SLEEP, 0),
    /** Roster: two materials per pid, fully interleaved, so every worker is alive at once. */
    W4(1_000_000, 2_000_000, 60_000, Work.Kind.MAP, -1);

    /** Default number of pids (K). */
    final int k;
    /** Default number of materials (N). */
    final long n;
    /** Default contract, in milliseconds. */
    final long contractMillis;
    /** What the assembly does. */
    final Work.Kind kind;
    // 0: uniform stream; -1: exact stream with window K; otherwise: exact stream with this window
    private final int window;

    Workload(int k, long n, long contractMillis, Work.Kind kind, int window) {
        this.k = k;
        this.n = n;
        this.contractMillis = contractMillis;
        this.kind = kind;
        this.window = window;
    }

    /** Returns true if every pid gets exactly N / K materials (the exact stream). */
    boolean exact() {
        return window != 0;
    }

    /**
     * Returns this workload's stream of {@code n} materials over {@code k} pids.
     *
     * @throws IllegalArgumentException if an exact stream's {@code n} is not a multiple of {@code k}
     */
    Materials stream(int k, long n) {
        if (!exact()) {
            return Materials.uniform(k, n);
        }
        if (n % k != 0 || n / k > Integer.MAX_VALUE || n == 0) {
            throw new IllegalArgumentException(name() + " gives every pid the same number of materials: N (" + n
                    + ") must be a positive multiple of K (" + k + ")");
        }
        return Materials.exact(k, (int) (n / k), window < 0 ? k : window);
    }

    /** Returns true if this workload ships one product per pid, false if one per material. */
    boolean productPerPid() {
        return kind == Work.Kind.FOLD;
    }
}
