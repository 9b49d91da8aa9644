package io.github.loomfactory.core;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/** A hand-advanced, thread-safe clock: time stands still until a test calls {@link #advance}. */
public final class ManualClock implements InstantSource {
    private volatile Instant now;

    public ManualClock() {
        this(Instant.parse("2030-01-01T00:00:00Z"));
    }

    public ManualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    @Override
    public Instant instant() {
        return now;
    }

    /** Moves the clock forward by {@code step} and returns the new time. */
    public synchronized Instant advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("a clock does not go back: " + step);
        }
        now = now.plus(step);
        return now;
    }

    @Override
    public String toString() {
        return "ManualClock[" + now + "]";
    }
}
