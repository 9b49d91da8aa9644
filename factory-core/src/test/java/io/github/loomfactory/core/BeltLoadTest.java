package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A workshop's belts hold at most {@link FactorySettings#beltLoad()} materials, and one batch in
 * the director's hands, however many pids have room on their own belts: a roster of stuck
 * workers holds the purchaser back instead of filling the heap.
 */
@Timeout(60)
class BeltLoadTest {
    private static final int LINE = 1_000;
    private static final int BELT_LOAD = 300;

    @Test
    void stuckWorkersHoldNoMoreThanTheBeltLoadAndOneBatch() throws Exception {
        var recorder = new Recorder();
        var depot = new Depot();
        var go = new CountDownLatch(1);
        recorder.beforeAccept = part -> assertTrue(go.await(Await.DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
        var settings = FactorySettings.builder().workshops(1).lineCapacity(LINE).beltCapacity(4).beltLoad(BELT_LOAD)
                .clock(new ManualClock()).statusInterval(Duration.ZERO).build();
        List<Part> parts = new ArrayList<>();
        for (int seq = 0; seq < 2; seq++) {
            for (int pid = 0; pid < 2_000; pid++) {
                parts.add(Part.of(pid, seq));
            }
        }
        try (var factory = Factory.builder(recorder, depot).settings(settings).start()) {
            var purchaser = Thread.ofVirtual().start(() -> {
                try {
                    factory.purchaseAll(parts);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            // every worker is stuck on its first material, so once the director waits for its belts it
            // delivers nothing more: what is past the line stays put
            Await.until("the director waits for its belts", () -> factory.stats().beltWaits() > 0, factory::stats);
            var stats = factory.stats();
            long pastTheLine = stats.purchased() - stats.lineBacklogs().getFirst();
            assertTrue(pastTheLine <= BELT_LOAD + LINE / 2,
                    () -> pastTheLine + " materials on belts and in the director's hands, more than the load and a batch: " + stats);
            assertTrue(stats.purchased() < parts.size(), "the purchaser is held back");
            go.countDown();
            purchaser.join();
        }
        assertEquals(parts.size(), recorder.handed.get(), "every material is processed once the workers move");
        assertEquals(recorder.emitted.size(), depot.products().size(), "every product is shipped");
    }
}
