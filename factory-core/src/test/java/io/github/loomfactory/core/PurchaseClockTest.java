package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

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
}
