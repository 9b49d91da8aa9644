package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rule 5: a warehouse that does not take shipments slows purchasing down to a halt instead of
 * letting materials and products pile up: what is purchased but not shipped stays within what
 * the configured capacities hold.
 */
@Timeout(60)
class BackpressureTest {
    /** Materials a worker may hold beyond its belt: the one in hand and a hand-off batch. */
    private static final int HANDOFF = 256;
    private static final int MATERIALS = 200_000;

    private final Recorder recorder = new Recorder();
    private final Depot depot = new Depot();
    private final CountDownLatch open = new CountDownLatch(1);

    BackpressureTest() {
        depot.gate = shipment -> assertTrue(open.await(Await.DEADLINE.toMillis() * 3, TimeUnit.MILLISECONDS),
                "the test opens the warehouse");
    }

    /**
     * Most materials (each making one product) the factory can hold with the warehouse shut:
     * production lines and the batch a director took off its line, every worker's belt, the
     * material in its hands and its hand-off batch, the transportation line (which lets one
     * batch of any size onto an empty line) and the stevedore's bays.
     */
    private static long bound(FactorySettings s) {
        long lines = 2L * s.workshops() * s.lineCapacity();
        long workers = (long) s.rosterCap() * (s.beltCapacity() + 1 + HANDOFF);
        long transport = Math.max(s.transportCapacity(), HANDOFF);
        long bays = transport + s.shipmentSize();
        return lines + workers + transport + bays;
    }

    private static FactorySettings.Builder small() {
        return FactorySettings.builder()
                .workshops(2)
                .lineCapacity(16)
                .beltCapacity(4)
                .transportCapacity(64)
                .shipmentSize(8)
                .clock(new ManualClock())
                .statusInterval(Duration.ZERO);
    }

    @Test
    void shutWarehouseBlocksPurchasingOfAHotPidWithinTheCapacities() throws Exception {
        blocksWithinBound(small().rosterCap(2).build(), i -> Part.of("hot", i));
    }

    @Test
    void shutWarehouseBlocksPurchasingOfManyPidsWithinTheCapacities() throws Exception {
        blocksWithinBound(small().rosterCap(128).build(), i -> Part.of(i % 100, i / 100));
    }

    @Test
    void shutWarehouseBlocksPurchasingWhenTheRosterCapRetiresWorkersEarly() throws Exception {
        // workers retiring behind the shut warehouse count against the cap, so successors do not pile up
        blocksWithinBound(small().rosterCap(64).build(), i -> Part.of(i % 1_000, i / 1_000));
    }

    private void blocksWithinBound(FactorySettings settings, IntFunction<Part> parts) throws Exception {
        long bound = bound(settings);
        var bought = new AtomicLong();
        var failure = new AtomicReference<Throwable>();
        try (var factory = Factory.builder(recorder, depot).settings(settings).start()) {
            Thread buyer = Thread.ofPlatform().name("buyer").start(() -> {
                try {
                    for (int i = 0; i < MATERIALS; i++) {
                        factory.purchase(parts.apply(i));
                        bought.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            Await.until("purchasing blocks", () -> buyer.getState() == Thread.State.TIMED_WAITING
                    && factory.stats().lineBacklogs().contains(settings.lineCapacity()), () -> factory.stats());
            assertTrue(bought.get() <= bound, () -> bought + " materials bought, more than the capacities hold: " + bound);
            // it stays blocked: a bounded wait that a growing heap would not survive
            buyer.join(Duration.ofMillis(300));
            assertTrue(buyer.isAlive(), "purchasing went on with the warehouse shut");
            long held = factory.stats().purchased() - depot.received();
            assertTrue(held <= bound, () -> held + " materials purchased and not shipped, more than " + bound);
            var stats = factory.stats();
            long alive = stats.hires() - stats.retirements();
            assertTrue(alive <= settings.rosterCap(),
                    () -> alive + " workers hired and not retired, more than the roster cap " + settings.rosterCap());

            open.countDown();
            Await.join(buyer);
            assertEquals(null, failure.get());
        }
        long products = MATERIALS + recorder.created.get(); // one per material, one per retirement
        assertEquals(products, depot.received());
        assertEquals(products, new HashSet<>(depot.products()).size());
        assertEquals(recorder.created.get(), recorder.retired.get());
    }
}
