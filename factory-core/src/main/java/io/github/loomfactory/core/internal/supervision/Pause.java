package io.github.loomfactory.core.internal.supervision;

import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waiting on the factory's clock, which may be a hand-driven one: the wait looks at the clock at
 * least every {@value #STEP_MILLIS} ms of real time, so it ends soon after the clock has passed
 * its deadline, however the clock is moved. Used where the engine waits for time to pass (the
 * driver's retry backoff, the supervisor's interval), never on a hot path.
 */
public final class Pause {
    /** The longest real-time step between two looks at the clock. */
    static final long STEP_MILLIS = 10;

    private Pause() {
    }

    /**
     * Waits until {@code clock} reads {@code deadlineMillis} or later.
     *
     * @throws InterruptedException if interrupted meanwhile (the flag is cleared)
     */
    public static void until(InstantSource clock, long deadlineMillis) throws InterruptedException {
        until(clock, deadlineMillis, () -> false);
    }

    /**
     * Waits until {@code clock} reads {@code deadlineMillis} or later, or until {@code stop}
     * holds; a thread that makes it hold unparks the waiting one to end the wait at once.
     *
     * @throws InterruptedException if interrupted meanwhile (the flag is cleared)
     */
    public static void until(InstantSource clock, long deadlineMillis, BooleanSupplier stop) throws InterruptedException {
        while (!stop.getAsBoolean()) {
            long left = deadlineMillis - clock.millis();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.min(left, STEP_MILLIS)));
            Threads.throwIfInterrupted("pausing until " + deadlineMillis + " on the factory's clock");
        }
    }
}
