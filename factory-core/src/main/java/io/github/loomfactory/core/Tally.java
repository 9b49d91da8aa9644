package io.github.loomfactory.core;

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
}
