package io.github.loomfactory.cli.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.Retirement;
import io.github.loomfactory.core.FactoryStats;
import io.github.loomfactory.core.ShipmentTiming;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    /** A reading {@code seconds} after T0 with the given counters, shipments numbered 1..shipments. */
    private static Readings.Snapshot reading(double seconds, long purchased, long shipped, long idle, int shipments,
            long latencyMillis, Instant watermark, long rejects, List<LaneLag> lanes) {
        List<ShipmentTiming> recent = new ArrayList<>();
        for (int n = Math.max(1, shipments - 63); n <= shipments; n++) {
            recent.add(new ShipmentTiming(n, "c", 1, Duration.ofMillis(latencyMillis + n)));
        }
        var stats = new FactoryStats(T0.plusMillis((long) (seconds * 1000)), purchased, purchased, 0, 0, shipped, shipped,
                idle + 2, idle, List.of(3, 4), List.of(1, 1), 0, 0, 0, 0, 0, Map.of("c", shipped),
                Map.of(Retirement.IDLE, idle, Retirement.EARLY, 0L, Retirement.DRAIN, 0L), recent, watermark, Map.of(), Duration.ZERO, 0);
        return new Readings.Snapshot(stats, rejects, lanes);
    }

    @Test
    void theFirstReadingIsTheBaselineOfTheRates() {
        var history = new History(10);
        assertNull(history.add(reading(0, 100, 0, 0, 0, 0, Instant.MIN, 0, List.of())));
        assertEquals(List.of(), history.after(0));
        Sample sample = history.add(reading(2, 300, 50, 4, 0, 0, Instant.MIN, 6, List.of()));
        assertEquals(1, sample.number());
        assertEquals(T0.plusSeconds(2).toEpochMilli(), sample.at());
        assertEquals(100.0, sample.purchased());
        assertEquals(100.0, sample.processed());
        assertEquals(25.0, sample.shipped());
        assertEquals(2.0, sample.retirements().get("IDLE"));
        assertEquals(0.0, sample.retirements().get("EARLY"));
        assertEquals(2.0, sample.hires());
        assertEquals(3.0, sample.rejects());
        assertEquals(List.of(3, 4), sample.backlogs());
        assertEquals(List.of(1, 1), sample.rosters());
        assertTrue(Double.isNaN(sample.latencyMeanMillis()), "no shipment in the second");
        assertTrue(Double.isNaN(sample.eventTimeLagSeconds()), "not on event time");
    }

    @Test
    void theLatencyOfASecondIsThatOfTheShipmentsNumberedAboveTheLastSeen() {
        var history = new History(10);
        history.add(reading(0, 0, 0, 0, 2, 100, Instant.MIN, 0, List.of()));
        // shipments 3, 4, 5 are new; their latencies are 103, 104, 105 ms
        Sample sample = history.add(reading(1, 0, 0, 0, 5, 100, Instant.MIN, 0, List.of()));
        assertEquals(104.0, sample.latencyMeanMillis(), 1e-9);
        assertEquals(105.0, sample.latencyMaxMillis(), 1e-9);
    }

    @Test
    void theEventTimeLagAndTheLanesAreCarriedOver() {
        var history = new History(10);
        var lanes = List.of(new LaneLag("clicks-0", 12, 3));
        history.add(reading(0, 0, 0, 0, 0, 0, T0, 0, lanes));
        Sample sample = history.add(reading(90, 0, 0, 0, 0, 0, T0.plusSeconds(30), 0, lanes));
        assertEquals(60.0, sample.eventTimeLagSeconds());
        assertEquals(lanes, sample.lanes());
    }

    @Test
    void theHistoryKeepsItsCapacityOfLatestSamplesAndAnswersFromANumber() {
        var history = new History(3);
        for (int i = 0; i <= 5; i++) {
            history.add(reading(i, i * 10L, 0, 0, 0, 0, Instant.MIN, 0, List.of()));
        }
        assertEquals(List.of(3L, 4L, 5L), history.after(0).stream().map(Sample::number).toList());
        assertEquals(List.of(5L), history.after(4).stream().map(Sample::number).toList());
        assertEquals(List.of(), history.after(5));
        assertEquals(List.of(), history.after(99));
        assertEquals(T0.plusSeconds(5), history.latest().stats().at());
    }

    @Test
    void aHistoryHoldsAtLeastOneSample() {
        assertThrows(IllegalArgumentException.class, () -> new History(0));
    }
}
