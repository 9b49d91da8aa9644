package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md rule 8 on the ledger alone: a lane's settled position never passes a position whose
 * material is still unsettled, and once everything is settled and its epoch is over, it is one past
 * the last position.
 */
class LedgerProperties {

    /** One step: buy the next position (and settle it later, in step {@code settleAt}), pass one, or let time go by. */
    record Step(int kind, int settleAfter, int millis) {
        @Override
        public String toString() {
            return switch (kind) {
                case 0 -> "buy(settle after " + settleAfter + " steps)";
                case 1 -> "pass";
                default -> "wait " + millis + " ms";
            };
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Arbitraries.integers().between(0, 2).flatMap(kind -> Arbitraries.integers().between(0, 30)
                .flatMap(after -> Arbitraries.integers().between(0, 250).map(millis -> new Step(kind, after, millis))));
        return step.list().ofMaxSize(200);
    }

    @Property(tries = 300)
    void theSettledPositionNeverPassesAnUnsettledMaterial(@ForAll("steps") List<Step> steps) {
        var clock = new ManualClock();
        var ledger = new Ledger(clock);
        Lane lane = ledger.open("t-0", 0);
        long next = 0;
        // per position bought: its epoch and the step at which it settles; -1 once settled
        List<long[]> bought = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            switch (step.kind()) {
                case 0 -> {
                    long epoch;
                    synchronized (ledger) {
                        epoch = ledger.hold();
                        ledger.record(lane, epoch, next);
                    }
                    bought.add(new long[] {next, epoch, i + step.settleAfter()});
                    next++;
                }
                case 1 -> ledger.pass(lane, next++);
                default -> clock.advance(Duration.ofMillis(step.millis()));
            }
            for (long[] b : bought) {
                if (b[2] >= 0 && b[2] <= i) {
                    ledger.settle(b[1]);
                    b[2] = -1;
                }
            }
            long settled = lane.settled();
            for (long[] b : bought) {
                if (b[2] >= 0) {
                    assertTrue(settled <= b[0], "settled " + settled + " passed unsettled position " + b[0]);
                }
            }
        }
        for (long[] b : bought) {
            if (b[2] >= 0) {
                ledger.settle(b[1]);
            }
        }
        clock.advance(Duration.ofMillis(Ledger.EPOCH_MILLIS));
        assertEquals(next, lane.settled(), "everything settled and its epoch over: one past the last position");
        assertEquals(0, ledger.oldestUnsettledMillis());
    }

    @Test
    void aLaneStartsAtItsStartAndAClosedLaneTakesNoPositions() {
        var clock = new ManualClock();
        var ledger = new Ledger(clock);
        Lane lane = ledger.open("orders-3", 42);
        assertEquals(42, lane.settled());
        assertThrows(IllegalStateException.class, () -> ledger.open("orders-3", 0));
        lane.close();
        var e = assertThrows(IllegalStateException.class, () -> ledger.pass(lane, 43));
        assertEquals("lane orders-3 is closed: open a new one to purchase from it again", e.getMessage());
        assertEquals(0, ledger.open("orders-3", 0).settled(), "reopened after a revocation");
    }

    @Test
    void theOldestUnsettledAgeGrowsWithTheClockUntilItSettles() {
        var clock = new ManualClock();
        var ledger = new Ledger(clock);
        Lane lane = ledger.open("t-0", 0);
        long epoch;
        synchronized (ledger) {
            epoch = ledger.hold();
            ledger.record(lane, epoch, 0);
        }
        clock.advance(Duration.ofSeconds(3));
        assertTrue(ledger.oldestUnsettledMillis() >= 3_000, "age " + ledger.oldestUnsettledMillis());
        assertEquals(0, lane.settled());
        ledger.settle(epoch);
        assertEquals(1, lane.settled());
        assertEquals(0, ledger.oldestUnsettledMillis());
    }
}
