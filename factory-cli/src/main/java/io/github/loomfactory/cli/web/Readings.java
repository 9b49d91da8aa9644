package io.github.loomfactory.cli.web;

import io.github.loomfactory.core.FactoryStats;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What the web server reads from a run: the factory's stats, the run's reject count and the
 * source's lanes (none unless the source is durable, as Kafka is). Each is a snapshot read that
 * never waits on the factory, so serving a page cannot slow it.
 *
 * @param blueprint the blueprint's name, shown on the page
 * @param eventTime whether the run is on event time (the page then plots the event-time lag)
 * @param stats the factory's stats
 * @param rejects the records the run rejected: undecodable input and dead letters
 * @param lanes the source's lanes, empty for a source without them
 */
public record Readings(String blueprint, boolean eventTime, Supplier<FactoryStats> stats, LongSupplier rejects,
        Supplier<List<LaneLag>> lanes) {

    /** Checks that nothing is null. */
    public Readings {
        Objects.requireNonNull(blueprint, "blueprint");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(rejects, "rejects");
        Objects.requireNonNull(lanes, "lanes");
    }

    /** Reads everything once. */
    Snapshot read() {
        return new Snapshot(stats.get(), rejects.getAsLong(), List.copyOf(lanes.get()));
    }

    /** One reading of a run. */
    record Snapshot(FactoryStats stats, long rejects, List<LaneLag> lanes) {
    }
}
