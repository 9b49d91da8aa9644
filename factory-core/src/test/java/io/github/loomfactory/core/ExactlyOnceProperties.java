package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Rules 1, 2, 3 and 5 of DESIGN.md over generated material streams and factory layouts: pids
 * with hash collisions and hot keys, every capacity from 1 up, a roster cap small enough to force
 * early retirements, several purchasing threads, and sometimes contracts of a few milliseconds
 * on the wall clock so that workers retire and are rehired while materials arrive.
 */
class ExactlyOnceProperties {

    @Property(tries = 100)
    void everyPurchasedMaterialIsHandedToExactlyOneAssemblyOnce(@ForAll("streams") List<Part> parts,
            @ForAll("layouts") Layout layout) throws Exception {
        Outcome outcome = Outcome.of(parts, layout);
        for (var entry : outcome.purchasedByPid().entrySet()) {
            List<Integer> handed = new ArrayList<>(outcome.recorder.log(entry.getKey()).handed());
            handed.sort(null);
            assertEquals(entry.getValue(), handed, "seqs handed to the assemblies of " + entry.getKey());
        }
        assertEquals(outcome.recorder.pids.keySet(), outcome.purchasedByPid().keySet(), "pids that got an assembly");
        assertEquals(parts.size(), outcome.recorder.handed.get());
    }

    @Property(tries = 100)
    void everyEmittedProductReachesTheWarehouseExactlyOnceByClose(@ForAll("streams") List<Part> parts,
            @ForAll("layouts") Layout layout) throws Exception {
        Outcome outcome = Outcome.of(parts, layout);
        List<Piece> shipped = outcome.depot.products();
        var emitted = new HashSet<>(outcome.recorder.emitted);
        assertEquals(outcome.recorder.emitted.size(), emitted.size(), "emitted products are distinct");
        assertEquals(shipped.size(), new HashSet<>(shipped).size(), "no product shipped twice");
        assertEquals(emitted, new HashSet<>(shipped), "shipped == emitted");
        assertEquals(1, outcome.depot.closes.get(), "warehouse closes");
        assertEquals(List.of(), outcome.depot.violations());
    }

    @Property(tries = 100)
    void materialsOfOnePidArriveInPurchaseOrderAndProductsKeepEmissionOrder(@ForAll("streams") List<Part> parts,
            @ForAll("layouts") Layout layout) throws Exception {
        Outcome outcome = Outcome.of(parts, layout);
        for (var entry : outcome.purchasedByPid().entrySet()) {
            assertEquals(entry.getValue(), outcome.recorder.log(entry.getKey()).handed(),
                    "materials of " + entry.getKey() + " in purchase order");
        }
        Map<List<Object>, Long> lastSerial = new HashMap<>();
        for (Piece piece : outcome.depot.products()) {
            Long last = lastSerial.put(List.of(piece.pid(), piece.pclass()), piece.serial());
            assertTrue(last == null || last < piece.serial(), () -> piece + " shipped after serial " + last);
        }
    }

    @Property(tries = 100)
    void callbacksOfOnePidNeverOverlapAndRunOnItsOwnWorkerThread(@ForAll("streams") List<Part> parts,
            @ForAll("layouts") Layout layout) throws Exception {
        Outcome outcome = Outcome.of(parts, layout);
        assertEquals(List.of(), outcome.recorder.violations());
        assertEquals(outcome.recorder.created.get(), outcome.recorder.retired.get(), "every assembly retired once");
        for (var log : outcome.recorder.pids.values()) {
            List<String> events = log.events();
            assertTrue(events.getLast().startsWith("retired"), () -> "the last callback is a retirement: " + events);
        }
    }

    @Property(tries = 100)
    void everyShipmentHoldsOnlyItsPclassAndAtMostAShipmentsWorth(@ForAll("streams") List<Part> parts,
            @ForAll("layouts") Layout layout) throws Exception {
        Outcome outcome = Outcome.of(parts, layout);
        for (var shipment : outcome.depot.shipments()) {
            assertTrue(shipment.size() <= layout.shipmentSize(), () -> shipment.size() + " products in " + shipment);
            for (Piece piece : shipment.products()) {
                assertEquals(shipment.pclass(), piece.pclass(), () -> piece + " in a shipment of " + shipment.pclass());
            }
        }
        var stats = outcome.stats;
        assertEquals(parts.size(), stats.purchased());
        assertEquals(stats.purchased(), stats.processed());
        assertEquals(stats.emitted(), stats.shipped());
        assertEquals(outcome.recorder.emitted.size(), stats.shipped());
        assertEquals(stats.hires(), stats.retirements());
        assertEquals(outcome.recorder.created.get(), stats.hires());
        assertEquals(0, stats.liveWorkers());
        assertEquals(0, stats.lineBacklog());
        assertEquals(0, stats.transportBacklog());
    }

    @Provide
    Arbitrary<List<Part>> streams() {
        Arbitrary<Integer> hot = Arbitraries.integers().between(0, 2);
        Arbitrary<Integer> any = Arbitraries.integers().between(0, 400);
        return Arbitraries.frequencyOf(Tuple.of(2, hot), Tuple.of(3, any)).list().ofMaxSize(1000)
                .map(ExactlyOnceProperties::parts);
    }

    /** Numbers each pid's materials in purchase order; the fan-out (0 to 3 products) varies. */
    static List<Part> parts(List<Integer> ids) {
        Map<Integer, Integer> next = new HashMap<>();
        List<Part> parts = new ArrayList<>(ids.size());
        for (int id : ids) {
            int seq = next.merge(id, 1, Integer::sum) - 1;
            parts.add(new Part(new Key(id), seq, -1, Math.floorMod(id * 7 + seq, 4)));
        }
        return parts;
    }

    @Provide
    Arbitrary<Layout> layouts() {
        return Combinators.combine(
                Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(1, 32),
                Arbitraries.integers().between(1, 16),
                Arbitraries.integers().between(1, 48),
                Arbitraries.integers().between(1, 64),
                Arbitraries.integers().between(1, 40),
                Arbitraries.integers().between(1, 3),
                Combinators.combine(Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 3))
                        .as((purchasers, contract) -> new int[] {purchasers, contract}))
                .as((workshops, line, belt, roster, transport, shipment, pclasses, more) -> new Layout(workshops, line,
                        belt, workshops * roster, transport, shipment, pclasses, more[0], more[1]));
    }

    /**
     * A factory's shape: its settings, how many pclasses the products fall in, how many threads
     * purchase, and a wall-clock contract in milliseconds (0: a still manual clock, no expiry).
     */
    record Layout(int workshops, int lineCapacity, int beltCapacity, int rosterCap, int transportCapacity,
            int shipmentSize, int pclasses, int purchasers, int contractMillis) {

        FactorySettings settings() {
            var builder = FactorySettings.builder()
                    .workshops(workshops)
                    .lineCapacity(lineCapacity)
                    .beltCapacity(beltCapacity)
                    .rosterCap(rosterCap)
                    .transportCapacity(transportCapacity)
                    .shipmentSize(shipmentSize)
                    .statusInterval(Duration.ZERO);
            if (contractMillis == 0) {
                builder.clock(new ManualClock());
            } else {
                builder.clock(InstantSource.system()).contract(Duration.ofMillis(contractMillis))
                        .shipmentAge(Duration.ofMillis(contractMillis));
            }
            return builder.build();
        }
    }

    /** What one factory run did. */
    record Outcome(List<Part> parts, Recorder recorder, Depot depot, FactoryStats stats) {

        /** Runs {@code parts} through a factory laid out as {@code layout} and closes it. */
        static Outcome of(List<Part> parts, Layout layout) throws Exception {
            var recorder = new Recorder(layout.pclasses());
            // widens the window in which a successor of the same pid could overtake a retiring worker
            recorder.beforeRetire = (pid, reason) -> Thread.sleep(0, 200_000);
            var depot = new Depot();
            var factory = Factory.builder(recorder, depot).settings(layout.settings()).start();
            try (factory) {
                purchase(factory, parts, layout.purchasers());
            }
            return new Outcome(parts, recorder, depot, factory.stats());
        }

        /** Purchases from {@code threads} threads, each owning some pids and buying them in order. */
        private static void purchase(Factory<Part, Piece> factory, List<Part> parts, int threads) throws Exception {
            if (threads == 1) {
                factory.purchaseAll(parts);
                return;
            }
            List<List<Part>> shares = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                shares.add(new ArrayList<>());
            }
            for (Part part : parts) {
                shares.get(Math.floorMod(((Key) part.pid()).id(), threads)).add(part);
            }
            List<Thread> buyers = new ArrayList<>();
            for (var share : shares) {
                buyers.add(Thread.ofVirtual().name("buyer").start(() -> {
                    try {
                        factory.purchaseAll(share);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            for (Thread buyer : buyers) {
                Await.join(buyer);
            }
        }

        /** Each pid's seqs in purchase order. */
        Map<Object, List<Integer>> purchasedByPid() {
            Map<Object, List<Integer>> byPid = new LinkedHashMap<>();
            for (Part part : parts) {
                byPid.computeIfAbsent(part.pid(), any -> new ArrayList<>()).add(part.seq());
            }
            return byPid;
        }
    }
}
