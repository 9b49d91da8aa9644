package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.FactoryException;
import io.github.loomfactory.api.Retirement;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rule 7: a throwing blueprint or warehouse follows the configured policy, is counted, and hands
 * its materials back; nothing accepted is lost.
 */
@Timeout(60)
class FailurePolicyTest {
    private final Recorder recorder = new Recorder();
    private final Depot depot = new Depot();
    private final ConcurrentLinkedQueue<Rejection<Part>> deadLetters = new ConcurrentLinkedQueue<>();

    private static FactorySettings.Builder settings(FailurePolicy policy) {
        return FactorySettings.builder()
                .workshops(2)
                .failurePolicy(policy)
                .retryBackoff(Duration.ofMillis(1))
                .clock(new ManualClock())
                .statusInterval(Duration.ZERO);
    }

    private Factory<Part, Piece> start(FactorySettings.Builder settings) {
        return Factory.builder(recorder, depot).settings(settings.build()).deadLetters(deadLetters::add).start();
    }

    /** {@code each} materials for each of {@code pids} pids, round robin. */
    private static List<Part> stream(int pids, int each) {
        List<Part> parts = new ArrayList<>();
        for (int seq = 0; seq < each; seq++) {
            for (int pid = 0; pid < pids; pid++) {
                parts.add(Part.of(pid, seq));
            }
        }
        return parts;
    }

    private Set<Part> deadLettered() {
        Set<Part> materials = new HashSet<>();
        for (var rejection : deadLetters) {
            Part material = rejection.material().orElseThrow();
            assertEquals(material.pid(), rejection.pid());
            assertTrue(materials.add(material), () -> "dead-lettered twice: " + material);
        }
        return materials;
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

    @Test
    void rejectHandsMaterialPidAndCauseToTheDeadLettersAndTheWorkerKeepsItsState() throws Exception {
        recorder.beforeAccept = part -> {
            if (part.seq() % 3 == 1) {
                throw new IllegalArgumentException("bad " + part);
            }
        };
        var parts = stream(10, 9);
        var factory = start(settings(FailurePolicy.REJECT));
        try (factory) {
            factory.purchaseAll(parts);
        }
        for (var rejection : deadLetters) {
            assertInstanceOf(IllegalArgumentException.class, rejection.cause());
            assertEquals("bad " + rejection.material().orElseThrow(), rejection.cause().getMessage());
        }
        assertEquals(parts.stream().filter(part -> part.seq() % 3 == 1).collect(Collectors.toSet()), deadLettered());
        assertEquals(30, factory.stats().rejected());
        assertEquals(90, factory.stats().processed(), "rejected materials were processed too");
        for (int pid = 0; pid < 10; pid++) {
            assertEquals(1, recorder.log(pid).assemblies.get(), "one worker for pid " + pid);
            assertEquals(List.of(Retirement.DRAIN), recorder.log(pid).retirements());
        }
        long counts = depot.products().stream().filter(p -> p.note().equals("retired DRAIN after 6")).count();
        assertEquals(10, counts, "each assembly kept counting its six good materials");
    }

    @Test
    void failingNewAssemblyRejectsThePidsMaterialsUnderReject() throws Exception {
        var failing = new Blueprint<Part, Piece>() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public Class<Part> materialType() {
                return Part.class;
            }

            @Override
            public Class<Piece> productType() {
                return Piece.class;
            }

            @Override
            public Assembly<Part, Piece> newAssembly(Object pid) {
                if (pid.equals(3)) {
                    throw new IllegalStateException("no assembly for 3");
                }
                return recorder.newAssembly(pid);
            }
        };
        var settings = settings(FailurePolicy.REJECT).build();
        var factory = Factory.builder(failing, depot).settings(settings).deadLetters(deadLetters::add).start();
        try (factory) {
            factory.purchaseAll(stream(5, 4));
        }
        assertEquals(Set.of(Part.of(3, 0), Part.of(3, 1), Part.of(3, 2), Part.of(3, 3)), deadLettered());
        assertEquals("no assembly for 3", deadLetters.peek().cause().getMessage());
        assertEquals(4, factory.stats().rejected());
        assertEquals(20, factory.stats().processed());
    }

    @Test
    void failStopsTheFactoryAndCloseThrowsTheCauseWithNothingAcceptedLost() throws Exception {
        var boom = new IllegalStateException("boom");
        recorder.beforeAccept = part -> {
            if (part.pid().equals(1) && part.seq() == 5) {
                throw boom;
            }
        };
        var factory = start(settings(FailurePolicy.FAIL).lineCapacity(64).beltCapacity(4));
        List<Part> accepted = new ArrayList<>();
        var stopped = assertThrows(FactoryException.class, () -> {
            for (int seq = 0; seq < 1_000_000; seq++) {
                for (int pid = 0; pid < 10; pid++) {
                    var part = Part.of(pid, seq);
                    factory.purchase(part);
                    accepted.add(part);
                }
            }
        }, "purchasing stops once the factory has failed");
        assertSame(boom, rootCause(stopped));
        var again = assertThrows(FactoryException.class, () -> factory.purchase(Part.of(0, -1)));
        assertSame(boom, rootCause(again));

        var closed = assertThrows(FactoryException.class, factory::close);
        assertSame(boom, rootCause(closed));
        assertTrue(closed.getMessage().contains("blueprint 'recorder' failed on pid 1: java.lang.IllegalStateException: boom"),
                closed::getMessage);

        Set<Part> completed = completed();
        Set<Part> deadLettered = deadLettered();
        assertTrue(deadLettered.contains(Part.of(1, 5)), "the failing material is handed back");
        Set<Part> both = new HashSet<>(completed);
        both.retainAll(deadLettered);
        assertEquals(Set.of(), both, "processed and dead-lettered");
        Set<Part> handledOrReturned = new HashSet<>(completed);
        handledOrReturned.addAll(deadLettered);
        assertEquals(new HashSet<>(accepted), handledOrReturned, "accepted == processed + dead-lettered");
        assertEquals(accepted.size(), completed.size() + deadLettered.size());
        assertEquals(accepted.size(), factory.stats().purchased());
    }

    @Test
    void failWhileTheDirectorWaitsOnTheFailingWorkersFullBeltStillCloses() throws Exception {
        var boom = new IllegalStateException("boom");
        recorder.beforeAccept = part -> {
            if (part.seq() == 3) {
                throw boom;
            }
        };
        var factory = start(settings(FailurePolicy.FAIL).workshops(1).lineCapacity(4).beltCapacity(1));
        long accepted = 0;
        try {
            for (int seq = 0; seq < 10_000; seq++) {
                factory.purchase(Part.of("hot", seq));
                accepted++;
            }
        } catch (FactoryException expected) {
            assertSame(boom, rootCause(expected));
        }
        var closed = assertThrows(FactoryException.class, factory::close);
        assertSame(boom, rootCause(closed));
        assertEquals(accepted, completed().size() + deadLettered().size());
    }

    @Test
    void throwingInspectionAndRetirementAreCountedAsFailuresUnderReject() throws Exception {
        var clock = new ManualClock();
        recorder.onInspect = (pid, now, out) -> {
            throw new IllegalStateException("inspection of " + pid);
        };
        recorder.beforeRetire = (pid, reason) -> {
            throw new IllegalStateException("retirement of " + pid);
        };
        var factory = start(settings(FailurePolicy.REJECT).workshops(1).clock(clock).inspection(Duration.ofSeconds(1)));
        try (factory) {
            factory.purchase(Part.of("a", 0));
            factory.purchase(Part.of("b", 0));
            Await.until("both hired", () -> recorder.handed.get() == 2);
            clock.advance(Duration.ofSeconds(1));
            Await.until("both inspected", () -> factory.stats().failures() == 2, factory::stats);
            factory.purchase(Part.of("a", 1));
        }
        var stats = factory.stats();
        assertEquals(4, stats.failures(), "two inspections and two retirements");
        assertEquals(0, stats.rejected());
        assertEquals(3, stats.processed());
        assertEquals(List.of(0, 1), recorder.log("a").handed(), "a's worker went on after its inspection failed");
        assertEquals(2, stats.retirements());
        assertEquals(3, depot.received(), "products emitted before a failure are shipped");
    }

    @Test
    void throwingRetirementUnderFailFailsTheFactory() throws Exception {
        recorder.beforeRetire = (pid, reason) -> {
            throw new IllegalStateException("retirement of " + pid);
        };
        var factory = start(settings(FailurePolicy.FAIL).workshops(1));
        factory.purchase(Part.of("a", 0));
        var closed = assertThrows(FactoryException.class, factory::close);
        assertTrue(closed.getMessage().contains("failed in retirement of pid a"), closed::getMessage);
        assertEquals("retirement of a", rootCause(closed).getMessage());
        assertEquals(1, factory.stats().failures());
    }

    @Test
    void warehouseFailingTwiceIsRetriedAndEveryProductShippedOnce() throws Exception {
        var failures = new AtomicInteger();
        depot.gate = shipment -> {
            if (failures.getAndIncrement() < 2) {
                throw new IOException("warehouse busy");
            }
        };
        var parts = stream(20, 10);
        var factory = start(settings(FailurePolicy.REJECT).shipmentSize(7).retryBackoff(Duration.ZERO));
        try (factory) {
            factory.purchaseAll(parts);
        }
        List<Piece> shipped = depot.products();
        assertEquals(new HashSet<>(recorder.emitted), new HashSet<>(shipped));
        assertEquals(recorder.emitted.size(), shipped.size(), "no product shipped twice");
        assertEquals(depot.shipments().size() + 2, depot.attempts.get(), "two retries");
        assertEquals(shipped.size(), factory.stats().shipped());
        assertEquals(1, depot.closes.get());
    }

    @Test
    void warehouseOutOfRetriesFailsTheFactoryNamingThePclass() throws Exception {
        var full = new IOException("disk full");
        depot.gate = shipment -> {
            throw full;
        };
        var factory = start(settings(FailurePolicy.REJECT).warehouseRetries(2).retryBackoff(Duration.ZERO));
        factory.purchase(Part.of("a", 0));
        var closed = assertThrows(FactoryException.class, factory::close);
        assertTrue(closed.getMessage().contains("products of pclass 'c0' after 3 attempts: java.io.IOException: disk full"),
                closed::getMessage);
        assertSame(full, rootCause(closed));
        assertEquals(3, depot.attempts.get(), "one attempt and two retries");
        assertEquals(1, depot.closes.get(), "the failed warehouse is closed all the same");
        assertEquals(0, factory.stats().shipped());
        var again = assertThrows(FactoryException.class, factory::close, "close keeps reporting the failure");
        assertSame(full, rootCause(again));
        var refused = assertThrows(IllegalStateException.class, () -> factory.purchase(Part.of("a", 1)));
        assertEquals("factory is closed: purchase before close()", refused.getMessage());
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
