package io.github.loomfactory.core.internal.supervision;

import io.github.loomfactory.api.Retirement;
import io.github.loomfactory.core.internal.transport.ShipmentLog;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The factory's counters, added to from many threads without contention and read by the
 * supervisor. Workers add once per round (a run of materials taken off their belt), not per item.
 */
public final class Tally {
    public final LongAdder purchased = new LongAdder();
    public final LongAdder processed = new LongAdder();
    public final LongAdder rejected = new LongAdder();
    public final LongAdder failures = new LongAdder();
    public final LongAdder emitted = new LongAdder();
    public final LongAdder shipped = new LongAdder();
    public final LongAdder hires = new LongAdder();
    public final LongAdder retirements = new LongAdder();
    public final LongAdder earlyRetirements = new LongAdder();
    /** Retirements by {@link Retirement#ordinal()}. */
    final LongAdder[] retirementsFor = java.util.stream.Stream.generate(LongAdder::new).limit(Retirement.values().length).toArray(LongAdder[]::new);
    public final ShipmentLog shipments = new ShipmentLog();

    /** Counts a retirement for {@code reason}, besides {@link #retirements}. */
    public void retiredFor(Retirement reason) {
        retirementsFor[reason.ordinal()].increment();
    }

    /** Retirements so far by reason, every reason present. */
    public Map<Retirement, Long> retirementsPerReason() {
        var map = new EnumMap<Retirement, Long>(Retirement.class);
        for (Retirement reason : Retirement.values()) {
            map.put(reason, retirementsFor[reason.ordinal()].sum());
        }
        return map;
    }
}
