package io.github.loomfactory.core.internal.transport;

import io.github.loomfactory.core.ShipmentTiming;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the driver has shipped, for the stats: products per pclass and the latency of the last
 * {@value #RECENT} shipments. Written by the transportation thread once per shipment (not per
 * product), read by whoever takes a stats snapshot; one lock, held for a few field writes.
 */
public final class ShipmentLog {
    /** How many of the latest shipments the log keeps. */
    static final int RECENT = 64;

    private final LinkedHashMap<String, long[]> perPclass = new LinkedHashMap<>();
    private final ShipmentTiming[] recent = new ShipmentTiming[RECENT];
    private long shipments;

    /** Records a shipment of {@code size} products of {@code pclass} that took {@code latencyNanos}. */
    public synchronized void record(String pclass, int size, long latencyNanos) {
        long[] count = perPclass.get(pclass);
        if (count == null) {
            count = new long[1];
            perPclass.put(pclass, count);
        }
        count[0] += size;
        shipments++;
        recent[(int) ((shipments - 1) % RECENT)] = new ShipmentTiming(shipments, pclass, size, Duration.ofNanos(latencyNanos));
    }

    /** Products shipped per pclass, in the order the pclasses were first shipped. */
    public synchronized Map<String, Long> perPclass() {
        var copy = new LinkedHashMap<String, Long>();
        perPclass.forEach((pclass, count) -> copy.put(pclass, count[0]));
        return copy;
    }

    /** The latest shipments, oldest first. */
    public synchronized List<ShipmentTiming> recent() {
        int kept = (int) Math.min(shipments, RECENT);
        var list = new ArrayList<ShipmentTiming>(kept);
        for (long n = shipments - kept + 1; n <= shipments; n++) {
            list.add(recent[(int) ((n - 1) % RECENT)]);
        }
        return list;
    }
}
