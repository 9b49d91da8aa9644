package io.github.loomfactory.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.LongAdder;

/**
 * The per-pid order check of every run: each material's seq must be its pid's last seq plus one.
 *
 * <p>The last seqs live here, not in the assemblies, so that a pid whose worker retired and was
 * hired again is still checked across both. Each slot is touched only by the pid's current
 * worker, and engines hand a pid from a retired worker to its successor with a happens-before
 * edge, so plain array slots suffice.
 */
final class OrderCheck {
    private final long[] last;
    private final LongAdder violations = new LongAdder();

    /** Creates a check of pids {@code 0} to {@code k - 1}. */
    OrderCheck(int k) {
        this.last = new long[k];
        Arrays.fill(last, -1);
    }

    /**
     * Checks and records {@code part}.
     *
     * @throws IllegalArgumentException if its pid is outside {@code [0, k)}
     */
    void check(Part part) {
        long pid = part.id();
        if (pid < 0 || pid >= last.length) {
            throw new IllegalArgumentException("pid " + pid + " is outside the checked range [0, " + last.length + ")");
        }
        int i = (int) pid;
        if (part.seq() != last[i] + 1) {
            violations.increment();
        }
        last[i] = part.seq();
    }

    /** Returns how many materials arrived out of order so far. */
    long violations() {
        return violations.sum();
    }
}
