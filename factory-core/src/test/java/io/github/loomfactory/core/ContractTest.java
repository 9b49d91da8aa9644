package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.Retirement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rule 4 and the roster cap of rule 5 on a hand-advanced clock: contracts, early retirement,
 * inspections, shipment age and the retire handshake. The directors poll their line at least
 * every 50 ms of real time and read the injected clock, so a test advances the clock and then
 * waits (bounded) for the effect.
 */
@Timeout(60)
class ContractTest {
    private static final Duration CONTRACT = Duration.ofSeconds(10);

    private final ManualClock clock = new ManualClock();
    private final Instant start = clock.instant();
    private final Recorder recorder = new Recorder();
    private final Depot depot = new Depot();

    private FactorySettings.Builder settings() {
        return FactorySettings.builder()
                .workshops(1)
                .contract(CONTRACT)
                .shipmentSize(1)
                .clock(clock)
                .statusInterval(Duration.ZERO);
    }

    private Factory<Part, Piece> start(FactorySettings.Builder settings) {
        return Factory.builder(recorder, depot).settings(settings.build()).start();
    }

    private void awaitHanded(long count) {
        Await.until("materials handed over: " + count, () -> recorder.handed.get() >= count, recorder.handed::get);
    }

    private List<String> notes(Object pid) {
        List<String> notes = new ArrayList<>();
        for (Piece piece : depot.products()) {
            if (piece.pid().equals(pid)) {
                notes.add(piece.note());
            }
        }
        return notes;
    }

    @Test
    void aBacklogOnTheLineDoesNotExpireAPidWhoseNextMaterialWasPurchasedInTime() throws Exception {
        var release = new CountDownLatch(1);
        recorder.beforeAccept = part -> {
            if (part.pid().equals("blocker")) {
                assertTrue(release.await(30, TimeUnit.SECONDS), "the test releases the blocker");
            }
        };
        try (var factory = start(settings().beltCapacity(1))) {
            factory.purchase(Part.of("x", 0));
            awaitHanded(1);
            // the blocker's worker stalls and its belt fills, so the director stalls delivering to it
            factory.purchase(Part.of("blocker", 0));
            factory.purchase(Part.of("blocker", 1));
            factory.purchase(Part.of("blocker", 2));
            Await.until("the blocker holds its first material", () -> recorder.log("blocker").handed().size() == 1);
            clock.advance(CONTRACT.minusSeconds(1));
            factory.purchase(Part.of("x", 1)); // within x's contract, but it waits behind the stall
            clock.advance(CONTRACT.multipliedBy(2)); // the stall lasts longer than a contract
            release.countDown();
            Await.until("x's second material handed over", () -> recorder.log("x").handed().size() == 2);
            assertEquals(1, recorder.log("x").assemblies.get(),
                    "x got its material within its contract: its first worker takes it");
            assertEquals(List.of(), recorder.log("x").retirements());
        }
    }

    @Test
    void workerIdleForItsContractRetiresOnceAsIdleAndItsProductsAreShipped() throws Exception {
        try (var factory = start(settings())) {
            factory.purchase(Part.of("a", 0));
            factory.purchase(Part.of("b", 0));
            awaitHanded(2);

            clock.advance(CONTRACT.minusMillis(1));
            factory.purchase(Part.of("b", 1));
            awaitHanded(3);
            assertEquals(0, factory.stats().retirements(), "no contract has expired yet");

            clock.advance(Duration.ofMillis(1));
            Await.until("a retired", () -> factory.stats().retirements() == 1);
            Await.until("a's last product shipped", () -> notes("a").size() == 2, () -> notes("a"));
            assertEquals(List.of("0.0", "retired IDLE after 1"), notes("a"));
            assertEquals(List.of(Retirement.IDLE), recorder.log("a").retirements());
            assertEquals(List.of(), recorder.log("b").retirements(), "b was active within its contract");
            assertEquals(1, factory.stats().liveWorkers());
        }
        assertEquals(List.of(Retirement.DRAIN), recorder.log("b").retirements());
        assertEquals(List.of(Retirement.IDLE), recorder.log("a").retirements(), "retired once");
        assertEquals(List.of(), recorder.violations());
    }

    @Test
    void pidThatComesBackAfterItsContractGetsANewWorkerAndANewAssembly() throws Exception {
        try (var factory = start(settings())) {
            factory.purchase(Part.of("a", 0));
            awaitHanded(1);
            clock.advance(CONTRACT);
            Await.until("a retired", () -> factory.stats().retirements() == 1);

            factory.purchase(Part.of("a", 1));
            awaitHanded(2);
            assertEquals(2, factory.stats().hires());
        }
        assertEquals(List.of("accept 0 by #1", "retire IDLE by #1", "retired by #1",
                "accept 1 by #2", "retire DRAIN by #2", "retired by #2"), recorder.log("a").events());
        assertEquals(List.of("0.0", "retired IDLE after 1", "1.0", "retired DRAIN after 1"), notes("a"));
    }

    @Test
    void materialArrivingWhileItsWorkerRetiresGoesToANewWorkerThatStartsAfterTheRetirement() throws Exception {
        var retiring = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        recorder.beforeRetire = (pid, reason) -> {
            if (reason == Retirement.IDLE) {
                retiring.countDown();
                assertTrue(release.await(Await.DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
            }
        };
        try (var factory = start(settings())) {
            factory.purchase(Part.of("a", 0));
            awaitHanded(1);
            clock.advance(CONTRACT);
            assertTrue(retiring.await(Await.DEADLINE.toMillis(), TimeUnit.MILLISECONDS), "a starts retiring");

            factory.purchase(Part.of("a", 1));
            factory.purchase(Part.of("a", 2));
            Await.until("a second worker for a", () -> factory.stats().hires() == 2);
            // the successor holds a#1 on its belt; it must not start before its predecessor retired
            assertFalse(waitsFor(() -> recorder.handed.get() > 1, Duration.ofMillis(200)),
                    "a#1 was handed over while the previous assembly of a was still retiring");

            release.countDown();
            awaitHanded(3);
        }
        assertEquals(List.of("accept 0 by #1", "retire IDLE by #1", "retired by #1",
                "accept 1 by #2", "accept 2 by #2", "retire DRAIN by #2", "retired by #2"), recorder.log("a").events());
        assertEquals(List.of("0.0", "retired IDLE after 1", "1.0", "2.0", "retired DRAIN after 2"), notes("a"));
        assertEquals(List.of(), recorder.violations());
    }

    @Test
    void materialsRacingTheirWorkersExpiryAreNeitherLostNorReordered() throws Exception {
        int pids = 200;
        try (var factory = start(settings().workshops(2).beltCapacity(1))) {
            for (int round = 0; round < 3; round++) {
                for (int p = 0; p < pids; p++) {
                    factory.purchase(Part.of(p, round));
                    if (p % 10 == 0) {
                        clock.advance(CONTRACT.dividedBy(20));
                    }
                }
            }
        }
        for (int p = 0; p < pids; p++) {
            assertEquals(List.of(0, 1, 2), recorder.log(p).handed(), "materials of pid " + p);
        }
        assertEquals(recorder.created.get(), recorder.retired.get());
        assertEquals(List.of(), recorder.violations());
        assertEquals(new java.util.HashSet<>(recorder.emitted), new java.util.HashSet<>(depot.products()));
        assertEquals(recorder.emitted.size(), depot.products().size());
    }

    @Test
    void fullRosterRetiresItsLeastRecentlyActiveWorkerEarly() throws Exception {
        try (var factory = start(settings().rosterCap(2))) {
            factory.purchase(Part.of("a", 0));
            factory.purchase(Part.of("b", 0));
            factory.purchase(Part.of("a", 1));
            factory.purchase(Part.of("c", 0));
            awaitHanded(4);
            Await.until("b retired early", () -> factory.stats().retirements() == 1);
            assertEquals(List.of(Retirement.EARLY), recorder.log("b").retirements());
            assertEquals(List.of(), recorder.log("a").retirements());
            assertEquals(List.of(), recorder.log("c").retirements());
            assertEquals(List.of(2), factory.stats().rosters());

            factory.purchase(Part.of("b", 1));
            awaitHanded(5);
            Await.until("a retired early", () -> factory.stats().retirements() == 2);
            assertEquals(List.of(Retirement.EARLY), recorder.log("a").retirements());
            assertEquals(4, factory.stats().hires());
        }
        assertEquals(List.of(Retirement.EARLY, Retirement.DRAIN), recorder.log("b").retirements());
        assertEquals(List.of(Retirement.DRAIN), recorder.log("c").retirements());
        assertEquals(List.of("0.0", "retired EARLY after 1", "1.0", "retired DRAIN after 1"), notes("b"));
    }

    @Test
    void rosterCapIsSplitEvenlyOverTheWorkshops() throws Exception {
        try (var factory = start(settings().workshops(2).rosterCap(6))) {
            for (int p = 0; p < 100; p++) {
                factory.purchase(Part.of(p, 0));
            }
            awaitHanded(100);
            Await.until("rosters at their cap", () -> factory.stats().rosters().equals(List.of(3, 3)),
                    () -> factory.stats().rosters());
            assertEquals(100, factory.stats().hires());
            Await.until("94 early retirements", () -> factory.stats().retirements() == 94);
        }
        long early = recorder.pids.values().stream()
                .filter(log -> log.retirements().equals(List.of(Retirement.EARLY))).count();
        assertEquals(94, early, "all but the 6 that drained");
    }

    @Test
    void inspectionRunsOnTheWorkersThreadEveryIntervalOfTheClock() throws Exception {
        recorder.onInspect = (pid, now, out) -> out.emit(new Piece(pid, -1, "inspections", "at " + now));
        try (var factory = start(settings().contract(Duration.ofHours(1)).inspection(Duration.ofSeconds(1)))) {
            factory.purchase(Part.of("a", 0));
            factory.purchase(Part.of("b", 0));
            awaitHanded(2);

            Instant first = clock.advance(Duration.ofSeconds(1));
            Await.until("both inspected", () -> recorder.log("a").inspections.size() == 1
                    && recorder.log("b").inspections.size() == 1);
            Instant second = clock.advance(Duration.ofSeconds(1));
            Await.until("both inspected again", () -> recorder.log("a").inspections.size() == 2
                    && recorder.log("b").inspections.size() == 2);
            assertEquals(List.of(first, second), List.copyOf(recorder.log("a").inspections));
            Await.until("inspection products shipped", () -> depot.products().stream()
                    .filter(piece -> piece.pclass().equals("inspections")).count() == 4);
        }
        assertTrue(start.plusSeconds(1).equals(recorder.log("b").inspections.getFirst()));
        assertEquals(List.of("accept 0 by #1", "inspect " + first(start) + " by #1", "inspect " + second(start)
                + " by #1", "retire DRAIN by #1", "retired by #1"), recorder.log("a").events());
        assertEquals(List.of(), recorder.violations());
    }

    private static long first(Instant start) {
        return start.plusSeconds(1).toEpochMilli();
    }

    private static long second(Instant start) {
        return start.plusSeconds(2).toEpochMilli();
    }

    @Test
    void bayIsShippedOnceItsOldestProductIsAShipmentAgeOldOnTheClock() throws Exception {
        var shippedAt = new java.util.concurrent.atomic.AtomicReference<Instant>();
        depot.gate = shipment -> shippedAt.compareAndSet(null, clock.instant());
        try (var factory = start(settings().shipmentSize(100).shipmentAge(Duration.ofSeconds(1)))) {
            factory.purchase(Part.of("a", 0));
            Await.until("the product is on its way", () -> factory.stats().transportBacklog() == 1);
            // the clock moves on in small steps until the bay has aged (it opened when the stevedore took the product)
            Await.until("the aged bay is shipped", () -> {
                clock.advance(Duration.ofMillis(50));
                return depot.received() == 1;
            });
            // the stevedore counts a bay out of its backlog once the warehouse has taken it
            Await.until("the backlog is empty", () -> factory.stats().transportBacklog() == 0, factory::stats);
        }
        assertTrue(!shippedAt.get().isBefore(start.plusSeconds(1)), () -> "shipped at " + shippedAt + ", before its age");
    }

    @Test
    void fullBayIsShippedWithoutWaitingForItsAge() throws Exception {
        try (var factory = start(settings().shipmentSize(3).shipmentAge(Duration.ofHours(1)))) {
            for (int i = 0; i < 7; i++) {
                factory.purchase(Part.of("a", i));
            }
            Await.until("two full shipments", () -> depot.received() == 6, depot::received);
            assertEquals(List.of(3, 3), depot.shipments().stream().map(s -> s.size()).toList());
        }
        assertEquals(List.of(3, 3, 2), depot.shipments().stream().map(s -> s.size()).toList(),
                "the rest and the retirement's product are shipped on close");
    }

    /** Whether {@code condition} comes true within {@code within}; only for asserting that it does not. */
    private static boolean waitsFor(java.util.function.BooleanSupplier condition, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(5);
        }
        return condition.getAsBoolean();
    }
}
