package io.github.loomfactory.core.internal.production;

/**
 * What production does with the settlement ledger (DESIGN.md rule 8): take away a settled hold of
 * an epoch, and read the ledger's clock to find holds kept too long.
 */
public interface Settlement {
    /** The length of one settlement epoch on the factory's clock. */
    long EPOCH_MILLIS = 100;

    /** Takes one settled hold away from {@code epoch}. Any thread; lock-free. */
    void settle(long epoch);

    /** The factory's clock, as the ledger reads it. */
    long nowMillis();
}
