package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.Retirement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's flight-recorder events, recorded in this JVM with a {@link Recording}: every hire,
 * retirement, shipment, rejection and failure of a run, with the fields a reader needs, and counts
 * equal to the factory's own stats.
 */
@Timeout(60)
class FlightEventsTest {
    private static final List<String> NAMES = List.of("io.github.loomfactory.Hire", "io.github.loomfactory.Retirement",
            "io.github.loomfactory.Shipment", "io.github.loomfactory.Rejection", "io.github.loomfactory.Failure");

    @TempDir
    Path dir;

    @Test
    void aRecordedRunHasAnEventPerHireRetirementShipmentRejectionAndFailure() throws Exception {
        var recorder = new Recorder(3);
        recorder.beforeAccept = part -> {
            if (part.pid().equals("bad")) {
                throw new IllegalStateException("no bad parts");
            }
        };
        recorder.beforeRetire = (pid, reason) -> {
            if (pid.equals("sad")) {
                throw new IllegalStateException("no sad goodbyes");
            }
        };
        var depot = new Depot();
        List<RecordedEvent> events;
        FactoryStats stats;
        try (var recording = new Recording()) {
            NAMES.forEach(name -> recording.enable(name));
            recording.start();
            var factory = Factory.builder(recorder, depot)
                    .settings(FactorySettings.builder().workshops(2).shipmentSize(7).clock(new ManualClock())
                            .statusInterval(Duration.ZERO).build())
                    .start();
            try (factory) {
                for (int seq = 0; seq < 5; seq++) {
                    for (int pid = 0; pid < 20; pid++) {
                        factory.purchase(Part.of(pid, seq));
                    }
                }
                factory.purchase(Part.of("bad", 0));
                factory.purchase(Part.of("sad", 0));
            }
            stats = factory.stats();
            recording.stop();
            Path file = dir.resolve("run.jfr");
            recording.dump(file);
            events = RecordingFile.readAllEvents(file);
        }
        Map<String, List<RecordedEvent>> byName = events.stream()
                .filter(event -> NAMES.contains(event.getEventType().getName()))
                .collect(Collectors.groupingBy(event -> event.getEventType().getName()));

        var hires = byName.get("io.github.loomfactory.Hire");
        assertEquals(22, stats.hires());
        assertEquals(stats.hires(), hires.size());
        Set<String> hired = new HashSet<>();
        for (var hire : hires) {
            hired.add(hire.getString("pid"));
            int workshop = hire.getInt("workshop");
            assertTrue(workshop == 0 || workshop == 1, "workshop " + workshop);
        }
        assertEquals(22, hired.size(), "one hire per pid: " + hired);
        assertTrue(hired.containsAll(Set.of("0", "19", "bad", "sad")));

        var retirements = byName.get("io.github.loomfactory.Retirement");
        assertEquals(stats.retirements(), retirements.size());
        assertTrue(retirements.stream().allMatch(event -> event.getString("reason").equals("DRAIN")));
        assertEquals(hired, retirements.stream().map(event -> event.getString("pid")).collect(Collectors.toSet()));

        var shipments = byName.get("io.github.loomfactory.Shipment");
        assertEquals(depot.shipments().size(), shipments.size());
        assertEquals(depot.received(), shipments.stream().mapToLong(event -> event.getInt("size")).sum());
        Map<String, Long> perPclass = new HashMap<>();
        for (var shipment : shipments) {
            perPclass.merge(shipment.getString("pclass"), (long) shipment.getInt("size"), Long::sum);
            assertEquals(1, shipment.getInt("attempts"));
            assertFalse(shipment.getDuration("latency").isNegative());
        }
        assertEquals(stats.shippedPerPclass(), perPclass);

        var rejections = byName.get("io.github.loomfactory.Rejection");
        assertEquals(1, rejections.size());
        assertEquals("bad", rejections.getFirst().getString("pid"));
        assertTrue(rejections.getFirst().getString("cause").contains("no bad parts"));

        var failures = byName.get("io.github.loomfactory.Failure");
        assertEquals(1, failures.size());
        assertEquals("retirement", failures.getFirst().getString("what"));
        assertEquals("sad", failures.getFirst().getString("pid"));
        assertTrue(failures.getFirst().getString("cause").contains("no sad goodbyes"));
    }

    @Test
    void everyEventTypeIsFiledUnderLoomFactoryWithoutStackTraces() throws Exception {
        try (var factory = Factory.builder(new Recorder(1), new Depot())
                .settings(FactorySettings.builder().workshops(1).statusInterval(Duration.ZERO).build()).start()) {
            factory.purchase(Part.of(1, 0));
        }
        List<String> found = new ArrayList<>();
        for (EventType type : FlightRecorder.getFlightRecorder().getEventTypes()) {
            if (NAMES.contains(type.getName())) {
                found.add(type.getName());
                assertEquals(List.of("Loom Factory"), type.getCategoryNames(), type.getName());
                assertTrue(type.getSettingDescriptors().stream().noneMatch(setting -> setting.getName().equals("stackTrace")
                        && setting.getDefaultValue().equals("true")), type.getName() + " records no stack trace");
            }
        }
        assertEquals(Set.copyOf(NAMES), Set.copyOf(found), "every event type registered once a factory ran");
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void aRetirementEventNamesEachReason() throws Exception {
        var clock = new ManualClock();
        List<RecordedEvent> events;
        try (var recording = new Recording()) {
            recording.enable("io.github.loomfactory.Retirement");
            recording.start();
            var factory = Factory.builder(new Recorder(1), new Depot())
                    .settings(FactorySettings.builder().workshops(1).rosterCap(2).contract(Duration.ofSeconds(1)).clock(clock)
                            .statusInterval(Duration.ZERO).build())
                    .start();
            try (factory) {
                factory.purchase(Part.of("a", 0));
                Await.until("a hired", () -> factory.stats().hires() == 1);
                clock.advance(Duration.ofSeconds(2));
                Await.until("a retired idle", () -> factory.stats().retirements() == 1);
                for (String pid : List.of("b", "c", "d")) {
                    factory.purchase(Part.of(pid, 0));
                }
            }
            recording.stop();
            Path file = dir.resolve("reasons.jfr");
            recording.dump(file);
            events = RecordingFile.readAllEvents(file);
        }
        Map<String, String> reasons = events.stream()
                .filter(event -> event.getEventType().getName().equals("io.github.loomfactory.Retirement"))
                .collect(Collectors.toMap(event -> event.getString("pid"), event -> event.getString("reason")));
        assertEquals(Map.of("a", Retirement.IDLE.name(), "b", Retirement.EARLY.name(), "c", Retirement.DRAIN.name(),
                "d", Retirement.DRAIN.name()), reasons);
    }
}
