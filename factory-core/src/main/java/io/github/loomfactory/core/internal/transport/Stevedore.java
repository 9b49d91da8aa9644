package io.github.loomfactory.core.internal.transport;

import io.github.loomfactory.api.FactoryException;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.core.FactorySettings;
import io.github.loomfactory.core.internal.supervision.Remnants;
import io.github.loomfactory.core.internal.supervision.Structured;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Takes products off the transportation line and groups them by pclass into bays; the
 * {@link Driver} ships a bay as soon as it holds a shipment's worth, or once its oldest product
 * has waited the shipment age. Runs on the transportation department's one thread, so a slow
 * warehouse holds the line back, which holds the workers back: backpressure, not a growing heap.
 *
 * <p>A bay never holds more than one shipment: when it fills up it is set aside whole, in order,
 * and the next product of its pclass opens a fresh bay, so shipping hands over whole lists and
 * never shifts what is left of a bay.
 *
 * <p>A pclass the warehouse refuses (out of retries) fails the factory at once, but does not take
 * the healthy bays with it: the stevedore hands back that pclass's products (those of the refused
 * shipment and any that follow) and keeps shipping the other pclasses until the line ends, as the
 * stopping workers leave it; then it rethrows the first refusal.
 */
public final class Stevedore<P extends Product> {
    private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final TransportationLine<P> line;
    private final Driver<P> driver;
    private final Remnants<?, P> leftovers;
    private final InstantSource clock;
    private final int shipmentSize;
    private final long ageMillis;
    private final HashMap<String, Bay<P>> bays = new HashMap<>();
    /** Full bays in the order they filled up, waiting to be shipped. */
    private final ArrayDeque<Full<P>> full = new ArrayDeque<>();
    private final Consumer<? super FactoryException> failing;
    private final Set<String> refused = new HashSet<>();
    private FactoryException refusal;
    private volatile long bayed;
    /** The number of the next bay opened (see {@link Releases}). */
    private long nextBay;
    private final Releases releases = new Releases();
    /** {@link #stow}, made once. */
    private final Consumer<P> stower = this::stow;
    /** The bay of the last product stowed in this round, and its pclass: products come in runs of one pclass. */
    private Bay<P> lastBay;
    private String lastPclass;
    /** Products of this round handed back instead of stowed (their pclass was refused). */
    private int handedBack;

    /** A stevedore whose refusals are only rethrown once the line ends. */
    public Stevedore(TransportationLine<P> line, Driver<P> driver, Remnants<?, P> leftovers, FactorySettings settings) {
        this(line, driver, leftovers, settings, refusal -> { });
    }

    /**
     * @param failing told at once of the first pclass the warehouse refuses, so that the factory
     *     stops while the healthy bays are still shipped
     */
    public Stevedore(TransportationLine<P> line, Driver<P> driver, Remnants<?, P> leftovers, FactorySettings settings,
            Consumer<? super FactoryException> failing) {
        this.failing = failing;
        this.line = line;
        this.driver = driver;
        this.leftovers = leftovers;
        this.clock = settings.clock();
        this.shipmentSize = settings.shipmentSize();
        this.ageMillis = settings.shipmentAge().toMillis();
    }

    /** Number of products waiting in bays. */
    public long bayed() {
        return bayed;
    }

    /** Returns the most products one bay holds now. Stevedore thread only. */
    int largestBay() {
        int largest = 0;
        for (var bay : bays.values()) {
            largest = Math.max(largest, bay.products.size());
        }
        return largest;
    }

    /**
     * Works until the line ends, then ships every bay and closes the warehouse; when cancelled,
     * hands back what it holds and closes the warehouse all the same.
     *
     * @throws FactoryException the first refusal of the warehouse, once every healthy bay is shipped
     */
    public void work() throws InterruptedException {
        long wait = Math.min(MAX_WAIT_NANOS, TimeUnit.MILLISECONDS.toNanos(ageMillis));
        try {
            while (true) {
                lastBay = null; // shipping may have closed it since the last round
                int taken = line.takeAll(stower, wait);
                if (taken < 0) {
                    break;
                }
                bayed += taken - handedBack;
                handedBack = 0;
                if (line.hasReleases()) {
                    releases.file(nextBay, line.takeReleases());
                }
                shipFull();
                shipAged(clock.millis());
                if (!releases.isEmpty()) {
                    releases.runShipped(oldestUnshipped());
                }
            }
            shipFull();
            shipAged(Long.MAX_VALUE);
            if (line.hasReleases()) {
                releases.file(nextBay, line.takeReleases());
            }
            releases.runShipped(Long.MAX_VALUE);
        } catch (InterruptedException | RuntimeException | Error e) {
            full.forEach(ready -> leftovers.products.addAll(ready.products));
            full.clear();
            bays.values().forEach(bay -> leftovers.products.addAll(bay.products));
            bays.clear();
            leftovers.products.addAll(line.clear());
            try {
                driver.close(); // the factory is closing all the same: release what the warehouse holds
            } catch (RuntimeException closing) {
                Structured.suppress(e, closing);
            }
            throw e;
        }
        try {
            driver.close();
        } catch (FactoryException e) {
            if (refusal == null) {
                throw e;
            }
            refusal.addSuppressed(e);
        }
        if (refusal != null) {
            throw refusal;
        }
    }

    /**
     * Ships through the driver; a shipment the warehouse refuses after every retry is handed
     * back, with every later product of its pclass, and fails the factory.
     */
    private void ship(String pclass, List<P> products) throws InterruptedException {
        try {
            driver.ship(pclass, products);
        } catch (FactoryException e) {
            refused.add(pclass);
            leftovers.products.addAll(products);
            if (refusal == null) {
                refusal = e;
                failing.accept(e);
            } else {
                refusal.addSuppressed(e);
            }
        }
    }

    /**
     * Puts a product taken off the line in its bay, straight from the line (no list in between);
     * ships nothing, so a failure while shipping loses none. The caller counts the round in {@link #bayed}.
     */
    private void stow(P product) {
        String pclass = product.pclass();
        if (!refused.isEmpty() && refused.contains(pclass)) {
            leftovers.products.add(product);
            handedBack++;
            return;
        }
        Bay<P> bay = lastBay;
        if (pclass != lastPclass || bay == null) {
            bay = bays.get(pclass);
            if (bay == null) {
                bay = new Bay<>(clock.millis(), shipmentSize, nextBay++);
                bays.put(pclass, bay);
            }
            lastPclass = pclass;
            lastBay = bay;
        }
        bay.products.add(product);
        if (bay.products.size() == shipmentSize) {
            full.add(new Full<>(pclass, bay.products, bay.number));
            bays.remove(pclass);
            lastBay = null;
        }
    }

    private void shipFull() throws InterruptedException {
        for (Full<P> ready; (ready = full.peek()) != null; ) {
            ship(ready.pclass, ready.products);
            full.poll();
            bayed -= ready.products.size();
        }
    }

    /** Ships every bay opened at or before {@code now - age}; all of them for {@code Long.MAX_VALUE}. */
    private void shipAged(long now) throws InterruptedException {
        var open = bays.entrySet().iterator();
        while (open.hasNext()) {
            var entry = open.next();
            Bay<P> bay = entry.getValue();
            if (now == Long.MAX_VALUE || now - bay.opened >= ageMillis) {
                ship(entry.getKey(), bay.products);
                open.remove();
                bayed -= bay.products.size();
            }
        }
    }

    /** Returns the number of the oldest bay not shipped yet, full or open; {@code Long.MAX_VALUE} if none. */
    private long oldestUnshipped() {
        long oldest = Long.MAX_VALUE;
        for (var ready : full) {
            oldest = Math.min(oldest, ready.number);
        }
        for (var bay : bays.values()) {
            oldest = Math.min(oldest, bay.number);
        }
        return oldest;
    }

    /** A bay that filled up: one shipment's worth of {@code pclass}; {@code number} is the bay's. */
    private record Full<P>(String pclass, List<P> products, long number) {
    }

    /** Products of one pclass waiting to be shipped, since {@code opened}; bays are numbered as they open. */
    private record Bay<P>(long opened, ArrayList<P> products, long number) {
        Bay(long opened, int capacity, long number) {
            this(opened, new ArrayList<>(Math.min(capacity, 1024)), number);
        }
    }
}
