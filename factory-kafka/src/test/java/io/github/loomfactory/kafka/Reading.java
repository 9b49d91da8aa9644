package io.github.loomfactory.kafka;

import io.github.loomfactory.api.Material;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/** A test material: the {@code seq}-th reading of sensor {@code pid}, at {@code millis}; encoded as "sensor,seq,value,millis". */
record Reading(long sensor, long seq, long value, long millis) implements Material {

    @Override
    public Object pid() {
        return sensor;
    }

    @Override
    public Optional<Instant> eventTime() {
        return Optional.of(Instant.ofEpochMilli(millis));
    }

    byte[] encode() {
        return (sensor + "," + seq + "," + value + "," + millis).getBytes(StandardCharsets.UTF_8);
    }

    static Reading decode(byte[] bytes) {
        String[] parts = new String(bytes, StandardCharsets.UTF_8).split(",");
        if (parts.length != 4) {
            throw new IllegalArgumentException("a reading is sensor,seq,value,millis: '" + new String(bytes, StandardCharsets.UTF_8) + "'");
        }
        return new Reading(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]), Long.parseLong(parts[3]));
    }
}
