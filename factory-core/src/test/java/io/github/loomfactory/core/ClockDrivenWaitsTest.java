package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Waits that run on the factory's clock, not the system's: the driver's retry backoff (doubling
 * up to a cap) and the supervisor's interval. A hand-advanced clock drives both.
 */
@Timeout(60)
class ClockDrivenWaitsTest {
    /** The longest pause between two attempts, as {@link FactorySettings#retryBackoff()} documents. */
    private static final long CAP_MILLIS = 30_000;

    private final ManualClock clock = new ManualClock();
    private final Recorder recorder = new Recorder();
    private final Depot depot = new Depot();

    private FactorySettings.Builder settings() {
        return FactorySettings.builder().workshops(1).clock(clock).statusInterval(Duration.ZERO);
    }

    @Test
    void theRetryBackoffRunsOnTheFactorysClock() throws Exception {
        var failures = new AtomicInteger(1);
        depot.gate = shipment -> {
            if (failures.getAndDecrement() > 0) {
                throw new IOException("warehouse is down");
            }
        };
        var factory = Factory.builder(recorder, depot)
                .settings(settings().retryBackoff(Duration.ofHours(1)).build()).start();
        factory.purchase(Part.of("a", 0));
        long start = clock.millis();
        Thread closer = Thread.ofVirtual().start(factory::close);
        Await.until("the first shipment failed", () -> depot.attempts.get() == 1);
        // the driver reads the clock to start its pause after the attempt: move an hour per look
        Await.until("the retry is made once the factory's clock has moved an hour", () -> {
            if (depot.attempts.get() == 2) {
                return true;
            }
            clock.advance(Duration.ofHours(1));
            return false;
        });
        assertTrue(clock.millis() - start >= Duration.ofHours(1).toMillis(), "the retry waited for the factory's clock");
        Await.join(closer);
        assertEquals(2, depot.attempts.get());
        assertEquals(2, depot.products().size());
    }

    @Test
    void theRetryBackoffDoublesUpToItsCap() throws Exception {
        List<Long> attemptsAt = Collections.synchronizedList(new ArrayList<>());
        int failing = 9;
        depot.gate = shipment -> {
            attemptsAt.add(clock.millis());
            if (attemptsAt.size() <= failing) {
                throw new IOException("warehouse is down");
            }
        };
        var factory = Factory.builder(recorder, depot)
                .settings(settings().retryBackoff(Duration.ofSeconds(1)).warehouseRetries(failing).build()).start();
        factory.purchase(Part.of("a", 0));
        Thread closer = Thread.ofVirtual().start(factory::close);
        Await.until("every retry is made, the clock moving a second per look", () -> {
            if (attemptsAt.size() > failing) {
                return true;
            }
            clock.advance(Duration.ofSeconds(1));
            return false;
        }, attemptsAt::toString);
        Await.join(closer);
        for (int i = 1; i < attemptsAt.size(); i++) {
            long pause = attemptsAt.get(i) - attemptsAt.get(i - 1);
            assertTrue(pause >= Math.min(1000L << (i - 1), CAP_MILLIS), "pause " + i + ": " + pause + " ms");
            // the clock runs ahead of the driver's looks at it by a few seconds; uncapped, pause 8 would be 128 s
            assertTrue(pause < 2 * CAP_MILLIS, "pause " + i + " is capped: " + pause + " ms");
        }
    }

    @Test
    void theSupervisorTakesItsSnapshotsOnTheFactorysClock() throws Exception {
        var factory = Factory.builder(recorder, depot).settings(settings().statusInterval(Duration.ofHours(1)).build()).start();
        try (factory) {
            for (int seq = 0; seq < 100; seq++) {
                factory.purchase(Part.of("a", seq));
            }
            // a snapshot on the hour makes it the base of the rates: nothing purchased since; the
            // clock moves an hour per look, so a supervisor that started late gets its hour too
            Await.until("the supervisor took an hourly snapshot", () -> {
                if (factory.stats().purchasedPerSecond() == 0.0) {
                    return true;
                }
                clock.advance(Duration.ofHours(1));
                return false;
            }, factory::stats);
        }
    }
}
