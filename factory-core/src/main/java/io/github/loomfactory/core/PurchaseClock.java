package io.github.loomfactory.core;

import java.time.InstantSource;
import java.util.function.LongSupplier;

/**
 * The wall clock that contracts run on: the factory's clock, stopped while the factory itself
 * holds purchasing back. A purchase that waits for room on a full production line delays every
 * material behind it, so without this a long wait would look like idleness to every pid whose
 * next material is still to be bought, and retire them all at once. Thread-safe.
 */
final class PurchaseClock implements LongSupplier {
    private final InstantSource clock;
    private long paused;
    private int blocked;
    private long blockedSince;

    PurchaseClock(InstantSource clock) {
        this.clock = clock;
    }

    /** Returns the time in milliseconds: the clock's, less every stretch purchasing was held back. */
    @Override
    public synchronized long getAsLong() {
        return (blocked > 0 ? blockedSince : clock.millis()) - paused;
    }

    /** A purchase starts waiting for room. */
    synchronized void holdBack() {
        if (blocked++ == 0) {
            blockedSince = clock.millis();
        }
    }

    /** A purchase stops waiting (accepted or refused). */
    synchronized void letGo() {
        if (--blocked == 0) {
            paused += Math.max(0, clock.millis() - blockedSince);
        }
    }
}
