package io.github.loomfactory.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.FactoryException;
import io.github.loomfactory.core.FactorySettings;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The classic baseline keeps the factory's rules: contracts in bulk, order per pid, drain, loud failure. */
class BaselineTest {
    private final AtomicLong millis = new AtomicLong();
    private final InstantSource clock = () -> Instant.ofEpochMilli(millis.get());
    private final FactorySettings settings = FactorySettings.builder()
            .workshops(2)
            .contract(Duration.ofMillis(100))
            .shipmentAge(Duration.ofSeconds(1))
            .clock(clock)
            .statusInterval(Duration.ZERO)
            .build();

    @Test
    void anIdlePidRetiresOnItsContractAndIsHiredAgainInOrder() throws InterruptedException {
        var order = new OrderCheck(1);
        var warehouse = new CountingWarehouse();
        var baseline = new Baseline<>(new Work(Work.Kind.FOLD, order), warehouse, settings);
        for (int seq = 0; seq < 3; seq++) {
            baseline.purchase(Part.of(0, seq, 10));
        }
        baseline.flush();
        await(() -> baseline.processed() == 3 && baseline.liveWorkers() == 1);

        millis.set(100);
        await(() -> baseline.liveWorkers() == 0);
        // the bay opens when the shipping thread takes the product: age it until it ships
        await(() -> millis.addAndGet(1_000) > 0 && warehouse.products() == 1);
        assertEquals(3, warehouse.units(), "the first worker's fold");

        baseline.purchase(Part.of(0, 3, 10));
        baseline.close();
        assertEquals(2, warehouse.products(), "a second worker, retired at the drain");
        assertEquals(40, warehouse.checksum());
        assertEquals(0, order.violations());
        assertTrue(warehouse.closed());
    }

    @Test
    void aThrowingAssemblyFailsTheRunLoudly() throws InterruptedException {
        var baseline = new Baseline<>(new Work(Work.Kind.MAP, new OrderCheck(1)), new CountingWarehouse(), settings);
        baseline.purchase(Part.of(5, 0, 1));
        var failure = assertThrows(FactoryException.class, baseline::close);
        assertEquals("baseline failed: java.lang.IllegalArgumentException: pid 5 is outside the checked range [0, 1)",
                failure.getMessage());
        assertThrows(IllegalStateException.class, () -> baseline.purchase(Part.of(0, 0, 1)));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(5);
        }
    }
}
