package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.Retirement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md rule 8 through the engine: a position settles once its worker retired and shipped
 * (not before), the settle bound retires a worker that never goes idle, and a failed factory
 * settles nothing it had not shipped.
 */
class SettlementTest {
    private static final Duration CONTRACT = Duration.ofSeconds(10);
    private final ManualClock clock = new ManualClock();
    private final Recorder recorder = new Recorder();
    private final Depot depot = new Depot();

    private FactorySettings.Builder settings() {
        return FactorySettings.builder().workshops(2).contract(CONTRACT).shipmentSize(1).clock(clock).statusInterval(Duration.ZERO);
    }

    private static boolean offer(Factory<Part, Piece> factory, Part part, Lane lane, long position) throws InterruptedException {
        return factory.offer(part, lane, position);
    }

    @Test
    void aPositionSettlesWhenItsWorkerHasRetiredAndShippedNotBefore() throws Exception {
        try (var factory = Factory.builder(recorder, depot).settings(settings().build()).start()) {
            Lane lane = factory.openLane("t-0", 100);
            for (int i = 0; i < 10; i++) {
                assertTrue(offer(factory, Part.of("a" + i % 3, i / 3), lane, 100 + i));
            }
            factory.pass(lane, 110);
            Await.until("ten products shipped", () -> depot.products().size() == 10, () -> depot.products().size());
            clock.advance(Duration.ofSeconds(1));
            assertEquals(100, lane.settled(), "the workers are alive: nothing they took is settled");
            assertTrue(factory.stats().oldestUnsettled().toMillis() >= 1_000, "oldest unsettled " + factory.stats().oldestUnsettled());

            clock.advance(CONTRACT);
            Await.until("the workers retired and their last products shipped", () -> depot.products().size() == 13,
                    () -> depot.products().size());
            Await.until("settled past the passed position", () -> {
                clock.advance(Duration.ofMillis(100));
                return lane.settled() == 111;
            }, lane::settled);
            assertEquals(Map.of("t-0", 111L), factory.stats().settledPositions());
            assertEquals(Duration.ZERO, factory.stats().oldestUnsettled());
        }
    }

    @Test
    void aPidThatNeverGoesIdleIsRetiredOverdueSoItsLaneSettles() throws Exception {
        try (var factory = Factory.builder(recorder, depot).settings(settings().settleWithin(Duration.ofSeconds(2)).build()).start()) {
            Lane lane = factory.openLane("hot", 0);
            long position = 0;
            for (int step = 0; step < 40; step++) {
                assertTrue(offer(factory, Part.of("hot", (int) position), lane, position));
                position++;
                long handed = position;
                Await.until("material handed over", () -> recorder.log("hot").handed().size() == handed);
                clock.advance(Duration.ofMillis(100));
            }
            // 4 s of materials every 100 ms: the contract (10 s) never ran out, the bound (2 s) did
            Await.until("the lane settles within the bound", () -> lane.settled() > 0, lane::settled);
            assertTrue(recorder.log("hot").retirements().contains(Retirement.OVERDUE), recorder.log("hot").retirements().toString());
            assertFalse(recorder.log("hot").retirements().contains(Retirement.IDLE));
        }
    }

    @Test
    void aFailedFactorySettlesNothingItHadNotShipped() throws Exception {
        var stuck = new CountDownLatch(1);
        recorder.beforeAccept = part -> stuck.await(30, TimeUnit.SECONDS);
        var factory = Factory.builder(recorder, depot).settings(settings().build()).start();
        Lane lane = factory.openLane("t-1", 5);
        assertTrue(offer(factory, Part.of("x", 0), lane, 5));
        assertTrue(offer(factory, Part.of("y", 0), lane, 6));
        Await.until("both handed over", () -> recorder.handed.get() == 2);
        var left = factory.abort(Duration.ZERO);
        stuck.countDown();
        clock.advance(Duration.ofSeconds(1));
        assertFalse(left.isEmpty(), "the abort left work undone");
        assertEquals(5, lane.settled());
    }

    @Test
    void aDrainSettlesEverythingBought() throws Exception {
        Lane lane;
        Factory<Part, Piece> factory = Factory.builder(recorder, depot).settings(settings().build()).start();
        lane = factory.openLane("t-2", 0);
        for (int i = 0; i < 500; i++) {
            while (!offer(factory, Part.of(i % 17, i / 17), lane, i)) {
                Thread.onSpinWait();
            }
        }
        factory.close();
        clock.advance(Duration.ofMillis(100));
        assertEquals(500, lane.settled());
        assertEquals(List.of(), recorder.violations());
    }

    @Test
    void aBlueprintThatKeepsNothingSettlesOnceShippedWithoutRetiring() throws Exception {
        var mapping = new Mapping(true);
        try (var factory = Factory.builder(mapping, depot).settings(settings().build()).start()) {
            Lane lane = factory.openLane("kn-0", 100);
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 10; i++) {
                    int position = 100 + 10 * round + i;
                    assertTrue(offer(factory, Part.of("p" + i % 3, position), lane, position));
                }
                int shipped = 10 * (round + 1);
                Await.until("the round's products shipped", () -> depot.products().size() == shipped, () -> depot.products().size());
                long expected = 100 + shipped;
                Await.until("settled past the round, the workers alive", () -> {
                    clock.advance(Duration.ofMillis(100));
                    return lane.settled() == expected;
                }, lane::settled);
            }
            assertEquals(java.util.Set.of(), mapping.retired, "no worker retired: the contract did not run out");
            assertEquals(Duration.ZERO, factory.stats().oldestUnsettled());
        }
    }

    @Test
    void aBlueprintThatKeepsNothingSettlesAnEpochOnceShippedThoughItsWorkersBeltNeverRanEmpty() throws Exception {
        var gate = new Semaphore(0);
        var mapping = new Mapping(true, "slow", gate);
        // no contract or settle bound runs out while the test turns the clock: only the sealed hold settles
        var patient = settings().workshops(1).contract(Duration.ofHours(1)).settleWithin(Duration.ofHours(1));
        try (var factory = Factory.builder(mapping, depot).settings(patient.build()).start()) {
            try {
                turnTheGate(factory, gate, mapping);
            } finally {
                gate.release(1_000); // so that a failed check does not leave close() waiting on the gate
            }
        }
    }

    private void turnTheGate(Factory<Part, Piece> factory, Semaphore gate, Mapping mapping) throws Exception {
        Lane lane = factory.openLane("backlog", 0);
        // three epochs of "slow": its worker takes the first part and waits at the gate, so its belt
        // holds the rest, as when a source buys faster than a worker takes
        for (int epoch = 0; epoch < 3; epoch++) {
            for (int i = 0; i < 5; i++) {
                int position = 5 * epoch + i;
                assertTrue(offer(factory, Part.of("slow", position), lane, position));
            }
            clock.advance(Duration.ofMillis(Ledger.EPOCH_MILLIS));
        }
        // one workshop, so the director dispatches in line order: once "marker" is shipped, every
        // part of "slow" is on its belt
        assertTrue(offer(factory, Part.of("marker", 0), lane, 15));
        Await.until("the marker shipped", () -> depot.products().size() == 1, () -> depot.products().size());

        gate.release(5); // the first epoch's parts, and no more
        Await.until("settled past the first epoch while the belt still holds the others", () -> {
            clock.advance(Duration.ofMillis(Ledger.EPOCH_MILLIS));
            return lane.settled() == 5;
        }, lane::settled);
        assertEquals(6, depot.products().size(), "the first epoch's products shipped before it settled, the gate held the rest");

        gate.release(5);
        Await.until("settled past the second epoch", () -> {
            clock.advance(Duration.ofMillis(Ledger.EPOCH_MILLIS));
            return lane.settled() == 10;
        }, lane::settled);
        gate.release(5);
        Await.until("settled past everything, the marker included", () -> {
            clock.advance(Duration.ofMillis(Ledger.EPOCH_MILLIS));
            return lane.settled() == 16;
        }, lane::settled);
        assertEquals(java.util.Set.of(), mapping.retired, "no worker retired");
    }

    @Test
    void aBlueprintThatDoesNotDeclareItKeepsNothingSettlesOnlyAtRetirement() throws Exception {
        var mapping = new Mapping(false);
        try (var factory = Factory.builder(mapping, depot).settings(settings().build()).start()) {
            Lane lane = factory.openLane("kn-1", 100);
            for (int i = 0; i < 10; i++) {
                assertTrue(offer(factory, Part.of("p" + i % 3, i), lane, 100 + i));
            }
            Await.until("ten products shipped", () -> depot.products().size() == 10, () -> depot.products().size());
            for (int step = 0; step < 20; step++) {
                clock.advance(Duration.ofMillis(100));
                assertEquals(100, lane.settled(), "the workers are alive: nothing they took is settled");
            }
            clock.advance(CONTRACT);
            Await.until("settled once the workers retired", () -> {
                clock.advance(Duration.ofMillis(100));
                return lane.settled() == 110;
            }, lane::settled);
            assertEquals(java.util.Set.of("p0", "p1", "p2"), mapping.retired);
        }
    }
}
