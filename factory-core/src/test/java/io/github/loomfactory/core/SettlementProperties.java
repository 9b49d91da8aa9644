package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * DESIGN.md rule 8 through the engine, against the warehouse: whenever a lane's settled position
 * is read, the product of every position below it has been received, whatever the blueprint
 * declares, however many workshops, however small the belts and however the epochs fall (a
 * blueprint that keeps nothing seals a busy worker's holds epoch by epoch); and once every worker
 * has retired, the lane settles past the last position.
 */
class SettlementProperties {
    private static final Duration CONTRACT = Duration.ofSeconds(10);

    /**
     * The pid of each purchase, in order, whether the clock moves on an epoch after it, and how many
     * materials the workers may then finish (they wait at a gate: so belts fill and empty as the
     * script says, not as the threads happen to run).
     */
    record Purchase(int pid, boolean nextEpoch, int permits) {
        @Override
        public String toString() {
            return "p" + pid + (nextEpoch ? "+" : "") + (permits > 0 ? "/" + permits : "");
        }
    }

    @Property(tries = 60)
    void aSettledPositionNeverPassesAProductNotYetReceived(@ForAll("purchases") List<Purchase> purchases,
            @ForAll boolean keepsNothing, @ForAll("workshops") int workshops, @ForAll("belts") int belt) throws Exception {
        var clock = new ManualClock();
        var depot = new Depot();
        var settings = FactorySettings.builder().workshops(workshops).beltCapacity(belt).contract(CONTRACT)
                .settleWithin(Duration.ofHours(1)).shipmentSize(1).clock(clock).statusInterval(Duration.ZERO).build();
        var gate = new Semaphore(0);
        try (var factory = Factory.builder(new Mapping(keepsNothing, null, gate), depot).settings(settings).start()) {
            try {
                run(factory, purchases, clock, depot, gate);
            } finally {
                gate.release(1_000_000); // so that a failed check does not leave close() waiting on the gate
            }
        }
    }

    private static void run(Factory<Part, Piece> factory, List<Purchase> purchases, ManualClock clock, Depot depot,
            Semaphore gate) throws Exception {
        Lane lane = factory.openLane("orders-0", 0);
        // the stevedore settles and ships on one thread: a position settled too early shows at the next shipment
        var violations = new java.util.concurrent.ConcurrentLinkedQueue<String>();
        depot.gate = shipment -> check(lane, depot, violations);
        for (int position = 0; position < purchases.size(); position++) {
            Purchase purchase = purchases.get(position);
            assertTrue(factory.offer(Part.of("p" + purchase.pid(), position), lane, position));
            if (purchase.nextEpoch()) {
                clock.advance(Duration.ofMillis(Ledger.EPOCH_MILLIS));
            }
            gate.release(purchase.permits());
            check(lane, depot, violations);
        }
        int n = purchases.size();
        gate.release(n);
        Await.until("every worker retired and the lane settled past the last position", () -> {
            check(lane, depot, violations);
            clock.advance(Duration.ofMillis(Ledger.EPOCH_MILLIS));
            return lane.settled() == n;
        }, lane::settled);
        assertEquals(n, depot.products().size());
        assertEquals(List.of(), List.copyOf(violations));
    }

    /** Reads the settled position first: every product below it must already be in the warehouse; keeps the first violation. */
    private static void check(Lane lane, Depot depot, java.util.Queue<String> violations) {
        long settled = lane.settled();
        Set<Long> received = new HashSet<>();
        for (Piece piece : depot.products()) {
            received.add(piece.serial());
        }
        for (long position = 0; position < settled; position++) {
            if (!received.contains(position) && violations.isEmpty()) {
                violations.add("settled " + settled + " but position " + position + " not received");
                return;
            }
        }
    }

    @Provide
    Arbitrary<List<Purchase>> purchases() {
        Arbitrary<Purchase> purchase = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 9).map(roll -> roll == 0),
                Arbitraries.integers().between(0, 2)).as(Purchase::new);
        return purchase.list().ofMinSize(1).ofMaxSize(400);
    }

    @Provide
    Arbitrary<Integer> workshops() {
        return Arbitraries.integers().between(1, 2);
    }

    @Provide
    Arbitrary<Integer> belts() {
        return Arbitraries.of(1, 4, 64);
    }
}
