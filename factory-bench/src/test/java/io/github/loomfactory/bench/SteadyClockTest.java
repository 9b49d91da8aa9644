package io.github.loomfactory.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The steady clock leaves out the stalls its watcher notices, and nothing else. */
class SteadyClockTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final InstantSource wall = InstantSource.fixed(Instant.ofEpochMilli(10_000));
    private final SteadyClock clock = SteadyClock.unwatched(wall);

    @Test
    void regularLooksLoseNothing() {
        for (long t = 0; t <= 1_000; t += 5) {
            clock.observe(t * MS);
        }
        clock.observe(1_050 * MS);
        assertEquals(0, clock.lostMillis(), "a gap of exactly 50 ms is not a stall");
        assertEquals(10_000, clock.millis());
    }

    @Test
    void aStallBeyondOnePeriodIsLeftOut() {
        clock.observe(0);
        clock.observe(5 * MS);
        clock.observe(305 * MS);
        assertEquals(295, clock.lostMillis());
        clock.observe(310 * MS);
        clock.observe(410 * MS);
        assertEquals(390, clock.lostMillis());
        assertEquals(Instant.ofEpochMilli(9_610), clock.instant());
    }

    @Test
    void theFirstLookIsOnlyABeginning() {
        clock.observe(1_000_000 * MS);
        assertEquals(0, clock.lostMillis());
    }
}
