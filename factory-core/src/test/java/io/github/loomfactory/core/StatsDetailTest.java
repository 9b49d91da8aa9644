package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.Retirement;
import io.github.loomfactory.api.Shipment;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The stats beyond the counters: shipped per pclass, retirements per reason, recent shipments, event-time lag. */
@Timeout(60)
class StatsDetailTest {

    @Test
    void shippedPerPclassAndTheRecentShipmentsMatchWhatTheWarehouseReceived() throws Exception {
        var depot = new Depot();
        var factory = Factory.builder(new Recorder(5), depot)
                .settings(FactorySettings.builder().workshops(2).shipmentSize(3).clock(new ManualClock())
                        .statusInterval(Duration.ZERO).build())
                .start();
        try (factory) {
            for (int seq = 0; seq < 40; seq++) {
                for (int pid = 0; pid < 10; pid++) {
                    factory.purchase(Part.of(pid, seq));
                }
            }
        }
        FactoryStats stats = factory.stats();
        Map<String, Long> received = new HashMap<>();
        for (Shipment<Piece> shipment : depot.shipments()) {
            received.merge(shipment.pclass(), (long) shipment.size(), Long::sum);
        }
        assertEquals(received, stats.shippedPerPclass());
        assertEquals(stats.shipped(), stats.shippedPerPclass().values().stream().mapToLong(Long::longValue).sum());

        List<Shipment<Piece>> shipments = depot.shipments();
        List<ShipmentTiming> recent = stats.recentShipments();
        assertEquals(64, recent.size(), "the log keeps the latest 64 of " + shipments.size());
        for (int i = 0; i < recent.size(); i++) {
            var timing = recent.get(i);
            var shipment = shipments.get(shipments.size() - recent.size() + i);
            assertEquals(shipments.size() - recent.size() + i + 1, timing.number());
            assertEquals(shipment.pclass(), timing.pclass());
            assertEquals(shipment.size(), timing.size());
            assertFalse(timing.latency().isNegative());
        }
    }

    @Test
    void aSlowWarehouseShowsInTheLatencyOfItsShipmentsOnTheFactorysClock() throws Exception {
        var clock = new ManualClock();
        var depot = new Depot();
        // each shipment takes 20 ms of the factory's clock
        depot.gate = shipment -> clock.advance(Duration.ofMillis(20));
        var factory = Factory.builder(new Recorder(1), depot)
                .settings(FactorySettings.builder().workshops(1).clock(clock).statusInterval(Duration.ZERO).build())
                .start();
        try (factory) {
            factory.purchase(Part.of(1, 0));
        }
        var recent = factory.stats().recentShipments();
        assertEquals(depot.shipments().size(), recent.size());
        assertTrue(!recent.isEmpty(), "a shipment was made");
        assertTrue(recent.stream().allMatch(timing -> timing.latency().equals(Duration.ofMillis(20))), recent::toString);
    }

    @Test
    void retirementsAreCountedPerReason() throws Exception {
        var clock = new ManualClock();
        var factory = Factory.builder(new Recorder(1), new Depot())
                .settings(FactorySettings.builder().workshops(1).rosterCap(2).contract(Duration.ofSeconds(1)).clock(clock)
                        .statusInterval(Duration.ZERO).build())
                .start();
        try (factory) {
            assertEquals(Map.of(Retirement.IDLE, 0L, Retirement.EARLY, 0L, Retirement.DRAIN, 0L, Retirement.OVERDUE, 0L), factory.stats().retirementsPerReason());
            factory.purchase(Part.of("a", 0));
            Await.until("a hired", () -> factory.stats().hires() == 1);
            clock.advance(Duration.ofSeconds(2));
            Await.until("a retired", () -> factory.stats().retirements() == 1);
            for (String pid : List.of("b", "c", "d", "e")) {
                factory.purchase(Part.of(pid, 0));
            }
        }
        var stats = factory.stats();
        assertEquals(Map.of(Retirement.IDLE, 1L, Retirement.EARLY, 2L, Retirement.DRAIN, 2L, Retirement.OVERDUE, 0L), stats.retirementsPerReason());
        assertEquals(stats.retirements(), stats.retirementsPerReason().values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void onEventTimeTheWatermarkIsTheLatestTimePurchasedAndTheLagRunsToTheClock() throws Exception {
        var clock = new ManualClock(Instant.parse("2030-01-01T00:01:00Z"));
        var factory = Factory.builder(new Recorder(1), new Depot())
                .settings(FactorySettings.builder().workshops(1).eventTime(true).clock(clock).statusInterval(Duration.ZERO).build())
                .start();
        try (factory) {
            assertEquals(Instant.MIN, factory.stats().watermark());
            assertTrue(factory.stats().eventTimeLag().isEmpty());
            long start = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
            factory.purchase(Part.at("a", 0, start + 10_000));
            factory.purchase(Part.at("b", 0, start + 45_000));
            factory.purchase(Part.at("a", 1, start + 30_000));
            var stats = factory.stats();
            assertEquals(Instant.ofEpochMilli(start + 45_000), stats.watermark());
            assertEquals(Duration.ofSeconds(15), stats.eventTimeLag().orElseThrow());
        }
    }

    @Test
    void onWallTimeThereIsNoWatermark() throws Exception {
        var factory = Factory.builder(new Recorder(1), new Depot())
                .settings(FactorySettings.builder().workshops(1).clock(new ManualClock()).statusInterval(Duration.ZERO).build())
                .start();
        try (factory) {
            factory.purchase(Part.at("a", 0, 5_000));
        }
        assertEquals(Instant.MIN, factory.stats().watermark());
        assertTrue(factory.stats().eventTimeLag().isEmpty());
    }

    @Test
    void aShipmentTimingNeedsAPositiveNumber() {
        var thrown = assertThrows(IllegalArgumentException.class, () -> new ShipmentTiming(0, "c", 1, Duration.ZERO));
        assertTrue(thrown.getMessage().contains("0"), thrown.getMessage());
    }
}
