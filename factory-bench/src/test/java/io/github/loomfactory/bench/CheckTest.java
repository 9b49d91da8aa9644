package io.github.loomfactory.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.Shipment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The self-check catches wrong order, count, checksum and bay, and turns them into ok=false. */
class CheckTest {
    private static final List<Part> SOURCE = List.of(Part.of(0, 0, 5), Part.of(1, 0, 7), Part.of(0, 1, 9),
            Part.of(9, 0, 1), Part.of(1, 1, 3));

    @Test
    void aFaithfulRunChecksOut() {
        assertEquals(List.of(), problems(SOURCE, UnaryOperator.identity(), SOURCE));
    }

    @Test
    void aMaterialOutOfOrderIsCaught() {
        List<Part> seen = List.of(SOURCE.get(2), SOURCE.get(0), SOURCE.get(1), SOURCE.get(3), SOURCE.get(4));
        assertEquals(List.of("2 materials arrived out of order (seq != last + 1)"),
                problems(SOURCE, UnaryOperator.identity(), seen));
    }

    @Test
    void aLostProductIsCaught() {
        var problems = problems(SOURCE, products -> products.subList(1, products.size()), SOURCE);
        assertEquals(List.of("products: counted 4, expected 5", "products of pclass c0: counted 1, expected 2",
                "materials in products: counted 4, expected 5", "checksum: counted 40, expected 50"), problems);
    }

    @Test
    void aDuplicateIsCaught() {
        var problems = problems(SOURCE, products -> {
            var more = new ArrayList<>(products);
            more.add(products.get(1));
            return more;
        }, SOURCE);
        assertTrue(problems.contains("products: counted 6, expected 5"), problems.toString());
    }

    @Test
    void aWrongValueIsCaughtByTheChecksum() {
        var problems = problems(SOURCE, products -> {
            var changed = new ArrayList<>(products);
            changed.set(0, new Output.Piece(0, 0, 11));
            return changed;
        }, SOURCE);
        assertEquals(List.of("checksum: counted 51, expected 50"), problems);
    }

    @Test
    void aProductInTheWrongBayIsCaught() {
        var warehouse = new CountingWarehouse();
        var expected = new Expected(false);
        expected.add(Part.of(0, 0, 5));
        warehouse.receive(new Shipment<>("c1", List.of(new Output.Piece(0, 0, 10))));
        warehouse.close();
        assertEquals(List.of("products of pclass c0: counted 0, expected 1", "products of pclass c1: counted 1, expected 0",
                "1 products shipped in a bay that is not their pclass"), Check.problems(expected, warehouse, new OrderCheck(1)));
    }

    @Test
    void aFoldPerPidChecksTheSumsOfValues() {
        var expected = new Expected(true);
        SOURCE.forEach(expected::add);
        var warehouse = new CountingWarehouse();
        warehouse.receive(new Shipment<>("c0", List.of(new Output.Fold(0, 2, 14, 5, 9))));
        warehouse.receive(new Shipment<>("c1", List.of(new Output.Fold(1, 2, 10, 3, 7), new Output.Fold(9, 1, 1, 1, 1))));
        warehouse.close();
        assertEquals(List.of(), Check.problems(expected, warehouse, new OrderCheck(10)));

        var split = new CountingWarehouse();
        split.receive(new Shipment<>("c0", List.of(new Output.Fold(0, 1, 5, 5, 5), new Output.Fold(0, 1, 9, 9, 9))));
        split.receive(new Shipment<>("c1", List.of(new Output.Fold(1, 2, 10, 3, 7), new Output.Fold(9, 1, 1, 1, 1))));
        split.close();
        assertEquals(List.of("products: counted 4, expected 3", "products of pclass c0: counted 2, expected 1"),
                Check.problems(expected, split, new OrderCheck(10)));
    }

    @Test
    void aWarehouseLeftOpenIsCaught() {
        var expected = new Expected(false);
        assertEquals(List.of("the warehouse was not closed"),
                Check.problems(expected, new CountingWarehouse(), new OrderCheck(1)));
    }

    @Test
    void aRunWithProblemsPrintsOkFalse() {
        var bad = new Result("factory", Workload.W1, 5, 4, 0.5, 3 << 20, -1, List.of("products: counted 4, expected 5"));
        assertEquals("peer=factory workload=W1 materials=5 products=4 seconds=0.500 materials_per_s=10 heap_peak_mb=3"
                + " heap_per_worker_bytes=NA ok=false", bad.line());
        var good = new Result("baseline", Workload.W4, 2, 2, 0.25, 0, 137, List.of());
        assertEquals("peer=baseline workload=W4 materials=2 products=2 seconds=0.250 materials_per_s=8 heap_peak_mb=0"
                + " heap_per_worker_bytes=137 ok=true", good.line());
    }

    /**
     * Runs {@code seen} through the order check and the W1 assembly's products, changed by
     * {@code tamper}, into a warehouse, shipped by pclass; returns the check's problems against
     * {@code source}.
     */
    private static List<String> problems(List<Part> source, UnaryOperator<List<Output>> tamper, List<Part> seen) {
        var expected = new Expected(false);
        source.forEach(expected::add);
        var order = new OrderCheck(10);
        var products = new ArrayList<Output>();
        for (Part part : seen) {
            order.check(part);
            products.add(new Output.Piece(part.id(), part.seq(), part.value() * 2));
        }
        Map<String, List<Output>> bays = new TreeMap<>();
        for (Output product : tamper.apply(products)) {
            bays.computeIfAbsent(product.pclass(), pclass -> new ArrayList<>()).add(product);
        }
        var warehouse = new CountingWarehouse();
        bays.forEach((pclass, bay) -> warehouse.receive(new Shipment<>(pclass, bay)));
        warehouse.close();
        return Check.problems(expected, warehouse, order);
    }
}
