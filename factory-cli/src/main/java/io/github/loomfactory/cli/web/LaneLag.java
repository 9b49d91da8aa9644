package io.github.loomfactory.cli.web;

import java.util.Objects;

/**
 * How far one lane of a durable source (a Kafka partition) is behind, as the page plots it and
 * {@code /metrics} exposes it.
 *
 * @param lane the lane's name, e.g. {@code topic-0}
 * @param consumerLag records in the lane not yet consumed (the end offset minus the position)
 * @param commitLag records consumed but not yet committed (the position minus the committed offset)
 */
public record LaneLag(String lane, long consumerLag, long commitLag) {
    /** Checks the lane's name. */
    public LaneLag {
        Objects.requireNonNull(lane, "lane");
    }
}
