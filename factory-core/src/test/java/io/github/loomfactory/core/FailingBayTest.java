package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.FactoryException;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Shipment;
import io.github.loomfactory.api.Warehouse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rule 7 for a warehouse that refuses one pclass: the factory fails, but the healthy bays are
 * shipped all the same, and what is handed back says why (the factory failed, not the blueprint).
 */
@Timeout(60)
class FailingBayTest {
    private static final List<String> HEALTHY = List.of("a", "b", "c", "d", "e", "f", "summary");
    private static final String BROKEN = "ledger";

    /** One entry of a pid. */
    record Entry(String pid, int seq) implements Material {
    }

    /** One line of an entry in a bay. */
    record Line(String pid, int seq, String bay) implements Product {
        @Override
        public String pclass() {
            return bay;
        }
    }

    /** Emits one line per bay for each entry, at once. */
    static final class Books implements Blueprint<Entry, Line> {
        @Override
        public String name() {
            return "books";
        }

        @Override
        public Class<Entry> materialType() {
            return Entry.class;
        }

        @Override
        public Class<Line> productType() {
            return Line.class;
        }

        @Override
        public Assembly<Entry, Line> newAssembly(Object pid) {
            return (entry, out) -> {
                out.emit(new Line(entry.pid(), entry.seq(), BROKEN));
                HEALTHY.forEach(bay -> out.emit(new Line(entry.pid(), entry.seq(), bay)));
            };
        }
    }

    /** Refuses every shipment of the broken pclass, as a file that is a directory would. */
    static final class Shelves implements Warehouse<Line> {
        final List<Line> received = new ArrayList<>();

        @Override
        public void receive(Shipment<Line> shipment) throws IOException {
            if (shipment.pclass().equals(BROKEN)) {
                throw new IOException("ledger.csv is a directory");
            }
            received.addAll(shipment.products());
        }

        @Override
        public void close() {
        }
    }

    private static List<Entry> entries(int pids, int each) {
        var entries = new ArrayList<Entry>();
        for (int seq = 0; seq < each; seq++) {
            for (int pid = 0; pid < pids; pid++) {
                entries.add(new Entry("p" + pid, seq));
            }
        }
        return entries;
    }

    @Test
    void theHealthyBaysAreShippedWhenTheDrainFindsOneBroken() throws Exception {
        var shelves = new Shelves();
        var deadLetters = new ConcurrentLinkedQueue<Rejection<Entry>>();
        var settings = FactorySettings.builder().workshops(2).shipmentSize(100_000).shipmentAge(Duration.ofHours(1))
                .warehouseRetries(0).clock(new ManualClock()).statusInterval(Duration.ZERO).build();
        var factory = Factory.builder(new Books(), shelves).settings(settings).deadLetters(deadLetters::add).start();
        List<Entry> entries = entries(50, 20);
        factory.purchaseAll(entries);

        var failure = assertThrows(FactoryException.class, factory::close);

        assertTrue(failure.getMessage().contains("pclass 'ledger'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("ledger.csv is a directory"), failure.getMessage());
        Map<String, Long> byBay = new TreeMap<>(shelves.received.stream().collect(Collectors.groupingBy(Line::bay, Collectors.counting())));
        var expected = new TreeMap<String, Long>();
        HEALTHY.forEach(bay -> expected.put(bay, (long) entries.size()));
        assertEquals(expected, byBay, "every healthy bay is shipped whole");
        assertEquals(HEALTHY.size() * (long) entries.size(), factory.stats().shipped(), "the count tells the truth");
        assertTrue(deadLetters.isEmpty(), "every material was processed: none to hand back");
    }

    @org.junit.jupiter.api.RepeatedTest(5)
    void aBayRefusedMidRunLeavesNoHealthyProductBehindThatWasStowedAndHandsBackTheRestAsUnprocessed() throws Exception {
        var shelves = new Shelves();
        var deadLetters = new ConcurrentLinkedQueue<Rejection<Entry>>();
        var settings = FactorySettings.builder().workshops(2).shipmentSize(64).warehouseRetries(0)
                .clock(new ManualClock()).statusInterval(Duration.ZERO).build();
        var factory = Factory.builder(new Books(), shelves).settings(settings).deadLetters(deadLetters::add).start();
        List<Entry> entries = entries(200, 50);
        long bought;
        try {
            bought = factory.purchaseAll(entries);
        } catch (FactoryException failedWhilePurchasing) {
            bought = -1;
        }
        Leftovers<Entry, Line> left = factory.abort(Duration.ofSeconds(30));

        long shipped = shelves.received.size();
        assertEquals(shipped, factory.stats().shipped());
        assertFalse(shelves.received.stream().anyMatch(line -> line.bay().equals(BROKEN)));
        assertTrue(left.products().stream().allMatch(line -> line.bay().equals(BROKEN)) || left.workers() > 0,
                "healthy products are only left behind by workers stopped in the middle of their work: " + left);
        // exactly once, per healthy bay: shipped, or left as a product, or its entry left unprocessed
        Set<Entry> unprocessed = new HashSet<>();
        for (var rejection : deadLetters) {
            assertFalse(rejection.processed(), "the blueprint did nothing wrong: " + rejection);
            assertTrue(rejection.cause().getMessage().startsWith("not processed: the factory failed first: warehouse failed to receive"),
                    rejection.cause().getMessage());
            assertTrue(unprocessed.add(rejection.material().orElseThrow()), "handed back twice: " + rejection);
        }
        assertTrue(left.materials().isEmpty(), "each leftover goes to the dead-letter handler once; it took them all: " + left);
        Set<Line> accounted = new HashSet<>(shelves.received);
        for (Line line : left.products()) {
            if (!line.bay().equals(BROKEN)) {
                assertTrue(accounted.add(line), "shipped and left: " + line);
            }
        }
        long purchased = factory.stats().purchased();
        assertTrue(bought == -1 || bought == purchased);
        long inProgress = purchased - unprocessed.size();
        assertTrue(accounted.size() <= inProgress * HEALTHY.size());
        assertTrue(shipped > 0, "healthy bays were shipped");
    }
}
