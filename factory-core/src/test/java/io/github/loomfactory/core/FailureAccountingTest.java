package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.FactoryException;
import io.github.loomfactory.api.Retirement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rule 7 at the edges: what the dead-letter handler, the counters and the leftovers say when a
 * factory fails or a handler itself fails. Each material is handed back exactly once, and
 * {@code stats().rejected()} equals the number of rejections handed over.
 */
@Timeout(60)
class FailureAccountingTest {
    private final Recorder recorder = new Recorder();
    private final Depot depot = new Depot();
    private final ConcurrentLinkedQueue<Rejection<Part>> deadLetters = new ConcurrentLinkedQueue<>();

    private static FactorySettings.Builder settings(FailurePolicy policy) {
        return FactorySettings.builder()
                .workshops(2)
                .failurePolicy(policy)
                .clock(new ManualClock())
                .statusInterval(Duration.ZERO);
    }

    private static List<Part> stream(int pids, int each) {
        List<Part> parts = new ArrayList<>();
        for (int seq = 0; seq < each; seq++) {
            for (int pid = 0; pid < pids; pid++) {
                parts.add(Part.of(pid, seq));
            }
        }
        return parts;
    }

    private Set<Part> completed() {
        Set<Part> materials = new HashSet<>();
        recorder.pids.forEach((pid, log) -> {
            synchronized (log.completed) {
                log.completed.forEach(seq -> materials.add(Part.of(pid, seq)));
            }
        });
        return materials;
    }

    private Set<Part> deadLettered() {
        Set<Part> materials = new HashSet<>();
        for (var rejection : deadLetters) {
            rejection.material().ifPresent(material ->
                    assertTrue(materials.add(material), () -> "dead-lettered twice: " + material));
        }
        return materials;
    }

    @Test
    void leftoversOfAFailedFactoryAreHandedBackOnceNotAlsoDeadLettered() throws Exception {
        var go = new CountDownLatch(1);
        recorder.beforeAccept = part -> {
            if (part.pid().equals(0) && part.seq() == 0) {
                assertTrue(go.await(Await.DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
                throw new IllegalArgumentException("bad " + part);
            }
        };
        var parts = stream(20, 50);
        var factory = Factory.builder(recorder, depot).settings(settings(FailurePolicy.FAIL).lineCapacity(2_000).build())
                .deadLetters(deadLetters::add).start();
        factory.purchaseAll(parts);
        go.countDown();
        assertThrows(FactoryException.class, factory::close);
        var leftovers = factory.abort(Duration.ZERO);

        Set<Part> handedBack = new HashSet<>(deadLettered());
        for (Part material : leftovers.materials()) {
            assertTrue(handedBack.add(material), () -> "dead-lettered and in the leftovers: " + material);
        }
        Set<Part> accounted = new HashSet<>(handedBack);
        accounted.addAll(completed());
        assertEquals(new HashSet<>(parts), accounted, "every purchased material completed or handed back");
        assertEquals(deadLetters.size(), factory.stats().rejected(), "rejected counts every rejection handed over");
    }

    @Test
    void aFailureThatStopsTheFactoryStillShipsEveryProductMadeBeforeItAndTheCountsTellTheTruth() throws Exception {
        var others = 19L * 50;
        recorder.beforeAccept = part -> {
            if (part.pid().equals(0) && part.seq() == 0) {
                Await.until("every other pid's materials completed", () -> recorder.completed.get() == others);
                throw new IllegalArgumentException("bad " + part);
            }
        };
        var parts = stream(20, 50);
        // bays are neither full nor aged when the factory fails: nothing but the failure ships them
        var factory = Factory.builder(recorder, depot)
                .settings(settings(FailurePolicy.FAIL).shipmentSize(1_000_000).shipmentAge(Duration.ofHours(1)).build())
                .deadLetters(deadLetters::add).start();
        try {
            factory.purchaseAll(parts);
        } catch (FactoryException failedMeanwhile) {
            // the factory may fail while purchasing goes on
        }
        assertThrows(FactoryException.class, factory::close);
        var leftovers = factory.abort(Duration.ZERO);

        assertEquals(List.of(), leftovers.products(), "no product made before the failure is left unshipped");
        assertEquals(recorder.emitted.size(), depot.received(), "every product emitted was shipped");
        assertEquals(depot.received(), factory.stats().shipped(), "the count of shipped products tells the truth");
        assertTrue(depot.received() >= others, "the other pids' products were made: " + depot.received());
        assertEquals(List.of(), depot.violations());
    }

    @Test
    void errorInAcceptFailsTheFactoryUnderRejectAndCountersEqualWhatWasHandedOver() throws Exception {
        recorder.beforeAccept = part -> {
            if (part.pid().equals(3) && part.seq() == 5) {
                throw new AssertionError("broken invariant at " + part);
            }
        };
        var parts = stream(10, 20);
        var factory = Factory.builder(recorder, depot).settings(settings(FailurePolicy.REJECT).build())
                .deadLetters(deadLetters::add).start();
        try {
            factory.purchaseAll(parts);
        } catch (FactoryException failedMeanwhile) {
            // the factory may fail while purchasing goes on
        }
        var failure = assertThrows(FactoryException.class, factory::close);
        assertInstanceOf(AssertionError.class, failure.getCause(), failure::toString);

        Set<Part> accounted = new HashSet<>(deadLettered());
        assertTrue(accounted.contains(Part.of(3, 5)), "the material whose assembly threw the error is handed back");
        accounted.addAll(completed());
        accounted.addAll(factory.abort(Duration.ZERO).materials());
        long purchased = factory.stats().purchased();
        assertEquals(purchased, accounted.size(), "every purchased material completed or handed back");
        assertEquals(deadLetters.size(), factory.stats().rejected(), "rejected counts every rejection handed over");
    }

    @Test
    void aThrowingDeadLetterHandlerFailsTheFactoryAndKeepsTheMaterialInTheLeftovers() throws Exception {
        recorder.beforeAccept = part -> {
            if (part.seq() == 1) {
                throw new IllegalArgumentException("bad " + part);
            }
        };
        var handlerBroke = new AtomicBoolean();
        var factory = Factory.builder(recorder, depot).settings(settings(FailurePolicy.REJECT).build())
                .deadLetters(rejection -> {
                    if (handlerBroke.compareAndSet(false, true)) {
                        throw new IllegalStateException("dead-letter queue is down");
                    }
                    deadLetters.add(rejection);
                }).start();
        try {
            factory.purchaseAll(stream(1, 3));
        } catch (FactoryException failedMeanwhile) {
            // the factory may fail while purchasing goes on
        }
        var failure = assertThrows(FactoryException.class, factory::close);
        assertTrue(failure.getMessage().contains("dead-letter handler"), failure::getMessage);
        var leftovers = factory.abort(Duration.ZERO);
        assertTrue(leftovers.materials().contains(Part.of(0, 1)), leftovers::toString);
    }

    @Test
    void aThrowingRetirementUnderRejectIsCountedAndHandedToTheDeadLetters() throws Exception {
        var broken = new IllegalStateException("cannot sum up");
        recorder.beforeRetire = (pid, reason) -> {
            if (pid.equals(7)) {
                throw broken;
            }
        };
        var factory = Factory.builder(recorder, depot).settings(settings(FailurePolicy.REJECT).build())
                .deadLetters(deadLetters::add).start();
        try (factory) {
            factory.purchaseAll(stream(10, 2));
        }
        assertEquals(1, deadLetters.size(), deadLetters::toString);
        var rejection = deadLetters.peek();
        assertEquals(7, rejection.pid());
        assertEquals(broken, rejection.cause());
        assertEquals(1, factory.stats().rejected());
        assertEquals(1, factory.stats().failures());
        assertEquals(List.of(Retirement.DRAIN), recorder.log(7).retirements());
    }

    @Test
    void anErrorInTheWarehouseFailsTheFactoryAndCloseRethrowsIt() throws Exception {
        depot.gate = shipment -> {
            throw new AssertionError("warehouse invariant broken");
        };
        var factory = Factory.builder(recorder, depot).settings(settings(FailurePolicy.REJECT).warehouseRetries(0).build())
                .deadLetters(deadLetters::add).start();
        try {
            factory.purchaseAll(stream(10, 2));
        } catch (FactoryException failedMeanwhile) {
            // the factory may fail while purchasing goes on
        }
        var failure = assertThrows(FactoryException.class, factory::close);
        assertInstanceOf(AssertionError.class, failure.getCause(), failure::toString);
        assertEquals(1, depot.closes.get(), "the warehouse is closed all the same");
    }
}
