package io.github.loomfactory.core.internal.production;

import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The wall clock that contracts run on: the factory's clock, stopped while the factory itself
 * holds purchasing back. A purchase that waits for room on a full production line delays every
 * material behind it, so without this a long wait would look like idleness to every pid whose
 * next material is still to be bought, and retire them all at once. Thread-safe and lock-free:
 * every production line reads it under its own lock, so it must not be one monitor that all
 * workshops share.
 *
 * <p>The state (how many purchases wait, since when, and how long purchasing was held back in
 * all) is one immutable {@link State}, replaced by compare-and-set; a reading takes the state,
 * the clock, and the state again, and retries if it changed meanwhile, so it is the time of one
 * moment.
 */
public final class PurchaseClock implements LongSupplier {
    private final InstantSource clock;
    private final AtomicReference<State> state = new AtomicReference<>(new State(0, 0, 0));

    public PurchaseClock(InstantSource clock) {
        this.clock = clock;
    }

    /** Returns the time in milliseconds: the clock's, less every stretch purchasing was held back. */
    @Override
    public long getAsLong() {
        while (true) {
            State before = state.get();
            if (before.blocked > 0) {
                return before.blockedSince - before.paused;
            }
            long now = clock.millis();
            if (state.get() == before) {
                return now - before.paused;
            }
        }
    }

    /** A purchase starts waiting for room. */
    public void holdBack() {
        while (true) {
            State s = state.get();
            State next = s.blocked == 0 ? new State(1, clock.millis(), s.paused) : new State(s.blocked + 1, s.blockedSince, s.paused);
            if (state.compareAndSet(s, next)) {
                return;
            }
        }
    }

    /** A purchase stops waiting (accepted or refused). */
    public void letGo() {
        while (true) {
            State s = state.get();
            State next = s.blocked == 1 ? new State(0, 0, s.paused + Math.max(0, clock.millis() - s.blockedSince))
                    : new State(s.blocked - 1, s.blockedSince, s.paused);
            if (state.compareAndSet(s, next)) {
                return;
            }
        }
    }

    /** Purchases waiting for room, since when the first of them waits, and the time left out so far. */
    private record State(int blocked, long blockedSince, long paused) {
    }
}
