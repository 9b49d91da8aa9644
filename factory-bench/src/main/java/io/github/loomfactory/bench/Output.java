package io.github.loomfactory.bench;

import io.github.loomfactory.api.Product;

/**
 * A benchmark product: a {@link Piece} per material (W1, W3, W4) or a {@link Fold} per pid (W2),
 * shipped to bay {@code "c" + (pid % 8)}.
 */
sealed interface Output extends Product permits Output.Piece, Output.Fold {

    /** Returns how many materials this product stands for. */
    long units();

    /** Returns what this product adds to the warehouse's checksum. */
    long checksum();

    /**
     * One product per material: the material with its value doubled.
     *
     * @param pid the pid
     * @param seq the material's seq
     * @param value the material's value times two
     */
    record Piece(long pid, long seq, long value) implements Output {
        @Override
        public String pclass() {
            return Pclasses.of(pid);
        }

        @Override
        public long units() {
            return 1;
        }

        @Override
        public long checksum() {
            return value;
        }
    }

    /**
     * One product per pid: its materials folded.
     *
     * @param pid the pid
     * @param count how many materials
     * @param sum the sum of their values
     * @param min the smallest value
     * @param max the largest value
     */
    record Fold(long pid, long count, long sum, long min, long max) implements Output {
        @Override
        public String pclass() {
            return Pclasses.of(pid);
        }

        @Override
        public long units() {
            return count;
        }

        @Override
        public long checksum() {
            return sum;
        }
    }
}
