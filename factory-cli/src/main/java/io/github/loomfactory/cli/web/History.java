package io.github.loomfactory.cli.web;

import io.github.loomfactory.api.Retirement;
import io.github.loomfactory.core.FactoryStats;
import io.github.loomfactory.core.ShipmentTiming;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last {@code capacity} samples of a run (ten minutes of seconds by default), made from
 * consecutive readings: counters become rates over the time between two readings, and the
 * shipments numbered above the last one seen give the second's latencies (a reading lists the
 * latest 64 shipments, so a busier second is judged by its last 64).
 *
 * <p>Thread-safe: one thread {@linkplain #add adds}, any number {@linkplain #after read}; both
 * hold the lock only to copy references, never while writing to a client.
 */
final class History {
    /** Ten minutes of one sample a second. */
    static final int TEN_MINUTES = 600;

    private final Sample[] ring;
    private long added;
    private Readings.Snapshot last;

    History(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a history holds at least one sample: " + capacity);
        }
        ring = new Sample[capacity];
    }

    /**
     * Takes a reading as the next sample; the first reading only sets the baseline of the rates.
     *
     * @return the sample made, or null for the first reading
     */
    synchronized Sample add(Readings.Snapshot now) {
        Readings.Snapshot before = last;
        last = now;
        if (before == null) {
            return null;
        }
        Sample sample = sample(added + 1, before, now);
        ring[(int) (added % ring.length)] = sample;
        added++;
        return sample;
    }

    /** Returns the latest reading taken. */
    synchronized Readings.Snapshot latest() {
        return last;
    }

    /** Returns the kept samples numbered above {@code number}, oldest first. */
    synchronized List<Sample> after(long number) {
        long first = Math.max(number + 1, added - Math.min(added, ring.length) + 1);
        var list = new ArrayList<Sample>((int) Math.max(0, added - first + 1));
        for (long n = first; n <= added; n++) {
            list.add(ring[(int) ((n - 1) % ring.length)]);
        }
        return list;
    }

    private static Sample sample(long number, Readings.Snapshot before, Readings.Snapshot now) {
        FactoryStats a = before.stats();
        FactoryStats b = now.stats();
        double seconds = (b.at().toEpochMilli() - a.at().toEpochMilli()) / 1000.0;
        Map<String, Double> retirements = new LinkedHashMap<>();
        for (Retirement reason : Retirement.values()) {
            retirements.put(reason.name(), rate(a.retirementsPerReason().getOrDefault(reason, 0L),
                    b.retirementsPerReason().getOrDefault(reason, 0L), seconds));
        }
        long seen = a.recentShipments().isEmpty() ? 0 : a.recentShipments().getLast().number();
        double sum = 0;
        double max = Double.NaN;
        int count = 0;
        for (ShipmentTiming timing : b.recentShipments()) {
            if (timing.number() > seen) {
                double millis = timing.latency().toNanos() / 1e6;
                sum += millis;
                max = count == 0 ? millis : Math.max(max, millis);
                count++;
            }
        }
        double lag = b.eventTimeLag().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN);
        return new Sample(number, b.at().toEpochMilli(), rate(a.purchased(), b.purchased(), seconds),
                rate(a.processed(), b.processed(), seconds), rate(a.shipped(), b.shipped(), seconds), b.lineBacklogs(),
                b.rosters(), rate(a.hires(), b.hires(), seconds), retirements, rate(before.rejects(), now.rejects(), seconds),
                count == 0 ? Double.NaN : sum / count, max, lag, now.lanes());
    }

    private static double rate(long before, long now, double seconds) {
        return seconds > 0 ? (now - before) / seconds : 0;
    }
}
