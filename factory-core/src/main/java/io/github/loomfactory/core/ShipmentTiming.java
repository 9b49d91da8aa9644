package io.github.loomfactory.core;

import java.time.Duration;
import java.util.Objects;

/**
 * One shipment the warehouse accepted, as {@link FactoryStats#recentShipments()} lists it.
 *
 * @param number the shipment's place among all of the factory's shipments, from 1: a reader that
 *     polls the stats takes only the shipments numbered above the last it saw
 * @param pclass the pclass shipped
 * @param size how many products it held
 * @param latency how long the warehouse took to accept it, from the first attempt (retries and
 *     their backoff included) to the accepted one
 */
public record ShipmentTiming(long number, String pclass, int size, Duration latency) {
    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if {@code number} is not positive or {@code size} is negative
     */
    public ShipmentTiming {
        Objects.requireNonNull(pclass, "pclass");
        Objects.requireNonNull(latency, "latency");
        if (number < 1 || size < 0) {
            throw new IllegalArgumentException("number and size of a shipment must be positive and not negative: " + number + ", " + size);
        }
    }
}
