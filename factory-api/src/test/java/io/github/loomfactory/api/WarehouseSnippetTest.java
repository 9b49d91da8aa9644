package io.github.loomfactory.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The snippet of {@link Warehouse}'s Javadoc ({@code {@snippet file=...}} takes it from here), compiled and run. */
class WarehouseSnippetTest {
    record Total(String sensor, long count, long sum) implements Product {
        @Override
        public String pclass() {
            return "totals";
        }
    }

    // @start region="warehouse"
    static final class Printing implements Warehouse<Total> {
        private final PrintStream out;

        Printing(PrintStream out) {
            this.out = out;
        }

        @Override
        public void receive(Shipment<Total> shipment) {
            shipment.products().forEach(total -> out.println(shipment.pclass() + " " + total));
        }

        @Override
        public void close() { // throws nothing, so javac -Xlint:try does not warn
            out.flush();
        }
    }
    // @end

    @Test
    void theWarehousePrintsEveryProductOfAShipmentWithItsPclass() throws Exception {
        var text = new ByteArrayOutputStream();
        try (var warehouse = new Printing(new PrintStream(text, false, StandardCharsets.UTF_8))) {
            warehouse.receive(new Shipment<>("totals", List.of(new Total("a", 2, 4), new Total("b", 1, 2))));
        }
        assertEquals(List.of("totals Total[sensor=a, count=2, sum=4]", "totals Total[sensor=b, count=1, sum=2]"),
                text.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
