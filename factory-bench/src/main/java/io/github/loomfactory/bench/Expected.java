package io.github.loomfactory.bench;

/**
 * What a run must deliver, tallied from the source as each material is made: products per
 * pclass, the materials they stand for, and the checksum (W1, W3, W4: the sum of {@code value * 2};
 * W2: the sum of the values).
 */
final class Expected {
    private final boolean productPerPid;
    private final long[] perClass = new long[Pclasses.COUNT];
    private long materials;
    private long checksum;

    /** Creates an empty tally; {@code productPerPid} for W2 (one product per pid, not per material). */
    Expected(boolean productPerPid) {
        this.productPerPid = productPerPid;
    }

    /** Tallies one material of the source. */
    void add(Part part) {
        materials++;
        if (productPerPid) {
            checksum += part.value();
            if (part.seq() == 0) {
                perClass[Pclasses.indexOf(part.id())]++;
            }
        } else {
            checksum += part.value() * 2;
            perClass[Pclasses.indexOf(part.id())]++;
        }
    }

    /** Returns the materials tallied. */
    long materials() {
        return materials;
    }

    /** Returns the products the warehouse must count. */
    long products() {
        long sum = 0;
        for (long n : perClass) {
            sum += n;
        }
        return sum;
    }

    /** Returns the products bay {@code c<pclass>} must count. */
    long products(int pclass) {
        return perClass[pclass];
    }

    /** Returns the checksum the warehouse must reach. */
    long checksum() {
        return checksum;
    }
}
