package io.github.loomfactory.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The snippet of {@link Material}'s Javadoc ({@code {@snippet file=...}} takes it from here), compiled and run. */
class MaterialSnippetTest {
    // @start region="material"
    record Reading(String sensor, long millis, double value) implements Material {
        @Override
        public Object pid() {
            return sensor;
        }

        @Override
        public Optional<Instant> eventTime() {
            return Optional.of(Instant.ofEpochMilli(millis));
        }
    }
    // @end

    @Test
    void aReadingBelongsToItsSensorAndCarriesItsOwnTime() {
        var reading = new Reading("s1", 1_000, 21.5);
        assertEquals("s1", reading.pid());
        assertEquals(Optional.of(Instant.parse("1970-01-01T00:00:01Z")), reading.eventTime());
    }
}
