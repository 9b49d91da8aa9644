package io.github.loomfactory.core;

import io.github.loomfactory.api.Material;
import java.time.Instant;
import java.util.Optional;

/**
 * A test material: the {@code seq}-th material purchased for {@code pid}, asking its assembly to
 * emit {@code fanout} products, with an event time when {@code millis} is not negative.
 */
public record Part(Object pid, int seq, long millis, int fanout) implements Material {

    public static Part of(Object pid, int seq) {
        return new Part(pid, seq, -1, 1);
    }

    public static Part at(Object pid, int seq, long millis) {
        return new Part(pid, seq, millis, 1);
    }

    @Override
    public Optional<Instant> eventTime() {
        return millis < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    @Override
    public String toString() {
        return pid + "#" + seq + (millis < 0 ? "" : "@" + millis) + (fanout == 1 ? "" : "x" + fanout);
    }
}
