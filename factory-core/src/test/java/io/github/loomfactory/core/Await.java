package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Bounded waits for asynchronous effects: poll until a condition holds or a deadline passes. */
public final class Await {
    /** How long any asynchronous effect may take before a test gives up on it. */
    public static final Duration DEADLINE = Duration.ofSeconds(10);

    private Await() {
    }

    /** Waits until {@code condition} holds; fails naming {@code what} after {@link #DEADLINE}. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, condition, () -> "");
    }

    /** Waits until {@code condition} holds; on time-out fails with {@code what} and {@code state}. */
    public static void until(String what, BooleanSupplier condition, Supplier<?> state) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + DEADLINE + ": " + what + " " + state.get());
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what);
            }
        }
    }

    /** Joins {@code thread}, failing if it does not end within {@link #DEADLINE}. */
    public static void join(Thread thread) throws InterruptedException {
        if (!thread.join(DEADLINE)) {
            fail("thread " + thread.getName() + " did not end within " + DEADLINE);
        }
    }
}
