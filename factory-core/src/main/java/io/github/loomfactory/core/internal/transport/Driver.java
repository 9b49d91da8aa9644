package io.github.loomfactory.core.internal.transport;

import io.github.loomfactory.api.FactoryException;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Shipment;
import io.github.loomfactory.api.Warehouse;
import io.github.loomfactory.core.FactorySettings;
import io.github.loomfactory.core.internal.supervision.Flight;
import io.github.loomfactory.core.internal.supervision.Pause;
import io.github.loomfactory.core.internal.supervision.Tally;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ships bays to the warehouse, one shipment at a time, retrying a failed shipment with
 * exponential backoff on the factory's clock (doubling up to {@link #MAX_BACKOFF}, or the first
 * pause if that is longer); when the retries run out, the failure is surfaced, never dropped.
 * A shipment's latency, from its first attempt to the one the warehouse accepted, is read on the
 * same clock.
 */
public final class Driver<P extends Product> {
    private static final Logger LOG = LoggerFactory.getLogger(Driver.class);

    private final Warehouse<P> warehouse;
    private final Tally tally;
    private final int retries;
    private final Duration backoff;
    private final Duration longest;
    private final InstantSource clock;

    /** The longest pause between two attempts, unless the first pause is longer. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    public Driver(Warehouse<P> warehouse, Tally tally, FactorySettings settings) {
        this.warehouse = warehouse;
        this.tally = tally;
        this.retries = settings.warehouseRetries();
        this.backoff = settings.retryBackoff();
        this.longest = backoff.compareTo(MAX_BACKOFF) > 0 ? backoff : MAX_BACKOFF;
        this.clock = settings.clock();
    }

    /**
     * Ships {@code products} of {@code pclass}.
     *
     * @throws FactoryException if the warehouse still fails after every retry
     * @throws InterruptedException if interrupted between attempts
     */
    void ship(String pclass, List<P> products) throws InterruptedException {
        var shipment = new Shipment<>(pclass, products);
        Duration pause = backoff;
        var started = clock.instant();
        for (int attempt = 1; ; attempt++) {
            try {
                warehouse.receive(shipment);
                tally.shipped.add(shipment.size());
                long latency = Duration.between(started, clock.instant()).toNanos();
                tally.shipments.record(pclass, shipment.size(), latency);
                Flight.shipped(pclass, shipment.size(), attempt, latency);
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (attempt > retries) {
                    throw new FactoryException("warehouse failed to receive " + shipment.size()
                            + " products of pclass '" + pclass + "' after " + attempt + " attempts: " + e, e);
                }
                LOG.warn("warehouse failed to receive {} products of pclass '{}' (attempt {} of {}), retrying in {} ms: {}",
                        shipment.size(), pclass, attempt, retries + 1, pause.toMillis(), e.toString());
                Pause.until(clock, clock.millis() + pause.toMillis());
                pause = pause.compareTo(longest.dividedBy(2)) > 0 ? longest : pause.multipliedBy(2);
            }
        }
    }

    /** Closes the warehouse after the last shipment. */
    public void close() {
        try {
            warehouse.close();
        } catch (Exception e) {
            throw new FactoryException("warehouse failed to close: " + e, e);
        }
    }
}
