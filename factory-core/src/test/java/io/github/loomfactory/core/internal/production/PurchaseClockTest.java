package io.github.loomfactory.core.internal.production;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.loomfactory.core.Await;
import io.github.loomfactory.core.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PurchaseClockTest {
    private final ManualClock wall = new ManualClock();
    private final PurchaseClock clock = new PurchaseClock(wall);

    @Test
    void followsTheWallClockWhilePurchasingFlows() {
        long start = clock.getAsLong();
        wall.advance(Duration.ofMillis(250));
        assertEquals(start + 250, clock.getAsLong());
    }

    @Test
    void standsStillWhileAPurchaseWaitsForRoom() {
        long start = clock.getAsLong();
        wall.advance(Duration.ofMillis(10));
        clock.holdBack();
        wall.advance(Duration.ofMillis(300));
        assertEquals(start + 10, clock.getAsLong(), "held back: no time passes for contracts");
        clock.letGo();
        wall.advance(Duration.ofMillis(5));
        assertEquals(start + 15, clock.getAsLong(), "the wait is left out for good");
    }

    @Test
    void overlappingWaitsOfSeveralPurchasersCountOnce() {
        long start = clock.getAsLong();
        clock.holdBack();
        wall.advance(Duration.ofMillis(100));
        clock.holdBack();
        wall.advance(Duration.ofMillis(100));
        clock.letGo();
        wall.advance(Duration.ofMillis(100));
        assertEquals(start, clock.getAsLong(), "still held back by the second purchaser");
        clock.letGo();
        wall.advance(Duration.ofMillis(7));
        assertEquals(start + 7, clock.getAsLong());
    }

    @Test
    void aReaderDoesNotWaitForAnotherReaderOfTheClock() throws Exception {
        var inside = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var stuck = new Thread[1];
        InstantSource slow = () -> {
            if (Thread.currentThread() == stuck[0]) {
                inside.countDown();
                try {
                    release.await(5 * Await.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return Instant.EPOCH;
        };
        var shared = new PurchaseClock(slow);
        stuck[0] = Thread.ofVirtual().unstarted(shared::getAsLong);
        stuck[0].start();
        try {
            org.junit.jupiter.api.Assertions.assertTrue(inside.await(Await.DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
            var other = Thread.ofVirtual().start(shared::getAsLong);
            // workshops read the clock under their own line's lock: one reader must not hold up another
            Await.until("a second reader gets the time while the first is inside the clock", () -> !other.isAlive());
        } finally {
            release.countDown();
            Await.join(stuck[0]);
        }
    }
}
