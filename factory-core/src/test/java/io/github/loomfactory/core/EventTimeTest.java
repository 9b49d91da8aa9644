package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.Retirement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Contracts on event time: the factory's clock follows the materials' own timestamps, so workers
 * retire where the data says, however fast it is read and whatever the wall clock does.
 */
@Timeout(60)
class EventTimeTest {
    private static final Duration CONTRACT = Duration.ofSeconds(10);

    private final ManualClock clock = new ManualClock();
    private final Recorder recorder = new Recorder();
    private final Depot depot = new Depot();

    private Factory<Part, Piece> start(int workshops) {
        var settings = FactorySettings.builder()
                .workshops(workshops)
                .contract(CONTRACT)
                .eventTime(true)
                .shipmentSize(1)
                .clock(clock)
                .statusInterval(Duration.ZERO)
                .build();
        return Factory.builder(recorder, depot).settings(settings).start();
    }

    @Test
    void workerRetiresIdleWhenLaterMaterialsMoveEventTimePastItsContract() throws Exception {
        try (var factory = start(1)) {
            factory.purchaseAll(List.of(Part.at("a", 0, 0), Part.at("b", 0, 0), Part.at("b", 1, 5_000)));
            factory.purchase(Part.at("b", 2, 10_000));
            Await.until("a retired", () -> factory.stats().retirements() == 1);
            assertEquals(List.of(Retirement.IDLE), recorder.log("a").retirements());

            factory.purchase(Part.at("a", 1, 20_000));
            Await.until("b retired", () -> factory.stats().retirements() == 2);
        }
        assertEquals(List.of("accept 0 by #1", "retire IDLE by #1", "retired by #1", "accept 1 by #2",
                "retire DRAIN by #2", "retired by #2"), recorder.log("a").events());
        assertEquals(List.of("accept 0 by #1", "accept 1 by #1", "accept 2 by #1", "retire IDLE by #1",
                "retired by #1"), recorder.log("b").events());
    }

    @Test
    void wallClockDoesNotRetireWorkersOnEventTime() throws Exception {
        try (var factory = start(1)) {
            factory.purchase(Part.at("a", 0, 0));
            Await.until("a hired", () -> recorder.handed.get() == 1);
            clock.advance(Duration.ofHours(1));
            factory.purchase(Part.at("a", 1, CONTRACT.toMillis() - 1));
            Await.until("a#1 handed over", () -> recorder.handed.get() == 2);
            assertEquals(0, factory.stats().retirements());
        }
        assertEquals(List.of("accept 0 by #1", "accept 1 by #1", "retire DRAIN by #1", "retired by #1"),
                recorder.log("a").events());
    }

    @Test
    void workerRetiresWhenEventTimeMovesOnInAnotherWorkshop() throws Exception {
        try (var factory = start(2)) {
            factory.purchase(Part.at("a", 0, 0));
            Await.until("a hired", () -> factory.stats().liveWorkers() == 1);
            int home = factory.stats().rosters().indexOf(1);
            String other = null;
            for (int i = 0; other == null; i++) {
                String candidate = "b" + i;
                factory.purchase(Part.at(candidate, 0, 0));
                Await.until(candidate + " hired", () -> recorder.pids.containsKey(candidate)
                        && factory.stats().hires() == recorder.pids.size()
                        && factory.stats().liveWorkers() == recorder.pids.size());
                if (factory.stats().rosters().get(1 - home) > 0) {
                    other = candidate;
                }
            }
            // only the other workshop gets a material; a's workshop follows it when its line is empty
            factory.purchase(Part.at(other, 1, CONTRACT.toMillis()));
            Await.until("a retired", () -> recorder.log("a").retirements().equals(List.of(Retirement.IDLE)),
                    () -> recorder.log("a").events());
        }
        assertEquals(List.of("accept 0 by #1", "retire IDLE by #1", "retired by #1"), recorder.log("a").events());
        assertTrue(recorder.violations().isEmpty(), recorder.violations()::toString);
    }

    @Test
    void materialWithoutEventTimeBeforeAnyTimeDoesNotHoldBackOtherContracts() throws Exception {
        try (var factory = start(1)) {
            factory.purchase(Part.of("untimed", 0));
            factory.purchaseAll(List.of(Part.at("a", 0, 0), Part.at("a", 1, 1_000)));
            factory.purchase(Part.at("b", 0, 1_000 + CONTRACT.toMillis()));
            Await.until("a retired", () -> recorder.log("a").retirements().equals(List.of(Retirement.IDLE)),
                    () -> recorder.log("a").events() + " " + recorder.log("untimed").events());
        }
        assertEquals(List.of(0, 1), recorder.log("a").handed());
        assertEquals(List.of(0), recorder.log("untimed").handed());
        assertEquals(recorder.created.get(), recorder.retired.get());
    }

    @Test
    void materialWithoutEventTimeIsActiveAtTheCurrentEventTime() throws Exception {
        try (var factory = start(1)) {
            factory.purchaseAll(List.of(Part.at("a", 0, 0), Part.at("b", 0, 5_000), Part.of("a", 1)));
            factory.purchase(Part.at("b", 1, 12_000));
            Await.until("b#1 handed over", () -> recorder.handed.get() == 4);
            assertEquals(0, factory.stats().retirements(), "a was active at 5 s");
            factory.purchase(Part.at("b", 2, 15_000));
            Await.until("a retired", () -> recorder.log("a").retirements().equals(List.of(Retirement.IDLE)));
        }
    }

    @Test
    void anEventTimeGivenWithAnOfferDrivesTheClockOfMaterialsThatKnowNone() throws Exception {
        try (var factory = start(1)) {
            Lane lane = factory.openLane("t-0", 0);
            assertTrue(factory.offer(Part.of("a", 0), lane, 0, java.time.Instant.ofEpochMilli(0)));
            assertTrue(factory.offer(Part.of("b", 0), lane, 1, java.time.Instant.ofEpochMilli(5_000)));
            assertTrue(factory.offer(Part.of("b", 1), lane, 2, java.time.Instant.ofEpochMilli(CONTRACT.toMillis())));
            Await.until("a retired on the offers' time", () -> factory.stats().retirements() == 1);
            assertEquals(List.of(Retirement.IDLE), recorder.log("a").retirements());
            assertEquals(List.of(), recorder.log("b").retirements());
        }
    }
}
