package io.github.loomfactory.bench;

import java.util.SplittableRandom;

/**
 * The material streams of BENCHMARKS.md, drawn from one {@code new SplittableRandom(42)} so that
 * every implementation sees the same stream. Made lazily, one material at a time; not
 * thread-safe.
 *
 * <ul>
 * <li>{@linkplain #uniform uniform} (W1, W3): for each material {@code pid = rnd.nextInt(K)},
 *     then {@code value = rnd.nextLong(1000)}; {@code seq} is that pid's counter.
 * <li>{@linkplain #exact exact} (W2, W4): every pid gets exactly {@code per} materials, drawn from
 *     {@code window} slots of open pids, slot {@code i} starting with pid {@code i}. For each
 *     material: {@code i = rnd.nextInt(open)}, the next material of slot {@code i}'s pid, then
 *     {@code value = rnd.nextLong(1000)}; a slot whose pid has had {@code per} takes the next
 *     waiting pid, or, when none waits, {@code open--} and slot {@code i} takes slot
 *     {@code open}'s pid and counter.
 * </ul>
 */
abstract sealed class Materials permits Materials.Uniform, Materials.Exact {
    /** The seed every stream starts from. */
    static final long SEED = 42;
    /** Values are drawn from [0, VALUES). */
    static final long VALUES = 1000;

    final SplittableRandom rnd = new SplittableRandom(SEED);
    private final long count;
    private long made;

    private Materials(long count) {
        this.count = count;
    }

    /**
     * Returns the uniform stream of {@code n} materials over {@code k} pids.
     *
     * @throws IllegalArgumentException if {@code k < 1} or {@code n < 0}
     */
    static Materials uniform(int k, long n) {
        if (k < 1) {
            throw new IllegalArgumentException("pids (K) must be at least 1: " + k);
        }
        if (n < 0) {
            throw new IllegalArgumentException("materials (N) must not be negative: " + n);
        }
        return new Uniform(k, n);
    }

    /**
     * Returns the exact stream: {@code per} materials for each of {@code k} pids, at most
     * {@code window} pids open at a time.
     *
     * @throws IllegalArgumentException if any argument is below 1
     */
    static Materials exact(int k, int per, int window) {
        if (k < 1) {
            throw new IllegalArgumentException("pids (K) must be at least 1: " + k);
        }
        if (per < 1) {
            throw new IllegalArgumentException("materials per pid must be at least 1: " + per);
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1: " + window);
        }
        return new Exact(k, per, window);
    }

    /** Returns how many materials this stream holds in all. */
    final long count() {
        return count;
    }

    /** Returns how many materials have been made so far. */
    final long made() {
        return made;
    }

    /** Returns true while the stream has materials left. */
    final boolean hasNext() {
        return made < count;
    }

    /**
     * Makes the next material.
     *
     * @throws IllegalStateException if the stream has ended
     */
    final Part next() {
        if (made >= count) {
            throw new IllegalStateException("the stream has ended after " + count + " materials");
        }
        made++;
        return make();
    }

    abstract Part make();

    /** W1, W3: a uniformly random pid for each material. */
    static final class Uniform extends Materials {
        private final int k;
        private final long[] seqs;

        private Uniform(int k, long n) {
            super(n);
            this.k = k;
            this.seqs = new long[k];
        }

        @Override
        Part make() {
            int pid = rnd.nextInt(k);
            long value = rnd.nextLong(VALUES);
            return Part.of(pid, seqs[pid]++, value);
        }
    }

    /** W2, W4: exactly {@code per} materials per pid, interleaved within a window of open pids. */
    static final class Exact extends Materials {
        private final int k;
        private final int per;
        private final int[] slotPid;
        private final int[] slotSeq;
        private int open;
        private int waiting;

        private Exact(int k, int per, int window) {
            super((long) k * per);
            this.k = k;
            this.per = per;
            this.open = Math.min(window, k);
            this.slotPid = new int[open];
            this.slotSeq = new int[open];
            for (int i = 0; i < open; i++) {
                slotPid[i] = i;
            }
            this.waiting = open;
        }

        @Override
        Part make() {
            int i = rnd.nextInt(open);
            int pid = slotPid[i];
            int seq = slotSeq[i]++;
            long value = rnd.nextLong(VALUES);
            if (slotSeq[i] == per) {
                if (waiting < k) {
                    slotPid[i] = waiting++;
                    slotSeq[i] = 0;
                } else {
                    open--;
                    slotPid[i] = slotPid[open];
                    slotSeq[i] = slotSeq[open];
                }
            }
            return Part.of(pid, seq, value);
        }
    }
}
