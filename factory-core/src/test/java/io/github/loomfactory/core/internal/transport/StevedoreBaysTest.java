package io.github.loomfactory.core.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.Shipment;
import io.github.loomfactory.api.Warehouse;
import io.github.loomfactory.core.FactorySettings;
import io.github.loomfactory.core.ManualClock;
import io.github.loomfactory.core.Piece;
import io.github.loomfactory.core.internal.supervision.Remnants;
import io.github.loomfactory.core.internal.supervision.Tally;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stevedore keeps no bay longer than one shipment: a full bay is set aside whole and a fresh
 * one opened, so shipping never shifts what is left of a bay (quadratic for big bays).
 */
@Timeout(60)
class StevedoreBaysTest {

    @Test
    void aBayNeverHoldsMoreThanOneShipment() throws Exception {
        int shipmentSize = 100;
        int products = 10_000;
        var settings = FactorySettings.builder().workshops(1).shipmentSize(shipmentSize).transportCapacity(2 * products)
                .clock(new ManualClock()).statusInterval(Duration.ZERO).build();
        var line = new TransportationLine<Piece>(settings.transportCapacity(), settings.transportCapacity());
        var tally = new Tally();
        List<Integer> largestAtShipment = new ArrayList<>();
        List<Shipment<Piece>> shipments = new ArrayList<>();
        Stevedore<Piece>[] stevedore = newArray(1);
        Warehouse<Piece> warehouse = shipment -> {
            largestAtShipment.add(stevedore[0].largestBay());
            shipments.add(shipment);
        };
        stevedore[0] = new Stevedore<>(line, new Driver<>(warehouse, tally, settings), new Remnants<>(), settings);
        Object[] batch = new Object[products];
        for (int i = 0; i < products; i++) {
            batch[i] = new Piece("p", i, "c0", "");
        }
        line.putAll(batch, products);
        line.end();
        stevedore[0].work();

        assertEquals(products / shipmentSize, shipments.size());
        long serial = 0;
        for (var shipment : shipments) {
            assertEquals(shipmentSize, shipment.size());
            for (Piece piece : shipment.products()) {
                assertEquals(serial++, piece.serial(), "products keep their order");
            }
        }
        assertTrue(largestAtShipment.stream().allMatch(size -> size <= shipmentSize), largestAtShipment::toString);
    }

    @SuppressWarnings("unchecked")
    private static <P extends io.github.loomfactory.api.Product> Stevedore<P>[] newArray(int length) {
        return (Stevedore<P>[]) new Stevedore<?>[length];
    }
}
