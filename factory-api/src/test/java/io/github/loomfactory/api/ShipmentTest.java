package io.github.loomfactory.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShipmentTest {

    @Test
    void copiesItsProducts() {
        List<Totals.Total> products = new ArrayList<>(List.of(new Totals.Total("a", 1, 1, "x")));
        var shipment = new Shipment<>("totals", products);
        products.clear();
        assertEquals(1, shipment.size());
        assertThrows(UnsupportedOperationException.class, () -> shipment.products().clear());
    }

    @Test
    void refusesAnEmptyBatchNamingThePclass() {
        var failure = assertThrows(IllegalArgumentException.class, () -> new Shipment<Totals.Total>("tcp", List.of()));
        assertEquals("a shipment of pclass 'tcp' must hold at least one product", failure.getMessage());
    }

    @Test
    void refusesNulls() {
        assertThrows(NullPointerException.class, () -> new Shipment<Totals.Total>(null, List.of(new Totals.Total("a", 1, 1, "x"))));
        assertThrows(NullPointerException.class, () -> new Shipment<>("x", null));
    }

    @Test
    @SuppressWarnings("try")
    void warehouseCloseDoesNothingByDefault() throws Exception {
        List<Shipment<Totals.Total>> received = new ArrayList<>();
        try (Warehouse<Totals.Total> warehouse = received::add) {
            warehouse.receive(new Shipment<>("totals", List.of(new Totals.Total("a", 1, 1, "x"))));
        }
        assertEquals(1, received.size());
    }
}
