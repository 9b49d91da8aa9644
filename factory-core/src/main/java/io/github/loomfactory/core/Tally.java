package io.github.loomfactory.core;

import io.github.loomfactory.api.Retirement;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The factory's counters, added to from many threads without contention and read by the
 * supervisor. Workers add once per round (a run of materials taken off their belt), not per item.
 */
final class Tally {
    final LongAdder purchased = new LongAdder();
    final LongAdder processed = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder emitted = new LongAdder();
    final LongAdder shipped = new LongAdder();
    final LongAdder hires = new LongAdder();
    final LongAdder retirements = new LongAdder();
    final LongAdder earlyRetirements = new LongAdder();
    /** Retirements by {@link Retirement#ordinal()}. */
    final LongAdder[] retirementsFor = java.util.stream.Stream.generate(LongAdder::new).limit(Retirement.values().length).toArray(LongAdder[]::new);
    final ShipmentLog shipments = new ShipmentLog();

    /** Counts a retirement for {@code reason}, besides {@link #retirements}. */
    void retiredFor(Retirement reason) {
        retirementsFor[reason.ordinal()].increment();
    }

    /** Retirements so far by reason, every reason present. */
    Map<Retirement, Long> retirementsPerReason() {
        var map = new EnumMap<Retirement, Long>(Retirement.class);
        for (Retirement reason : Retirement.values()) {
            map.put(reason, retirementsFor[reason.ordinal()].sum());
        }
        return map;
    }
}
