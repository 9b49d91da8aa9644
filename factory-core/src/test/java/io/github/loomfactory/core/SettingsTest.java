package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.core.internal.supervision.HeapBudget;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every setting is validated when the settings are built, with a message naming it and its value. */
class SettingsTest {
    /** The default roster caps of 2 workshops on 8 GB, 256 MB and 64 MB: what half the heap leaves after lines, belts and transport. */
    private static final int ROSTER_8G = 1_470_401;
    private static final int ROSTER_256M = 32_705;
    private static final int ROSTER_64M = 8_129;

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad(b -> b.workshops(0), "workshops must be at least 1: 0"),
                bad(b -> b.workshops(-3), "workshops must be at least 1: -3"),
                bad(b -> b.lineCapacity(0), "lineCapacity must be at least 1: 0"),
                bad(b -> b.beltCapacity(0), "beltCapacity must be at least 1: 0"),
                bad(b -> b.beltCapacity(300).beltLoad(300),
                        "beltLoad must be more than the belt capacity (300), so that one pid's full belt does not hold its workshop back: 300"),
                bad(b -> b.rosterCap(0), "rosterCap must be at least 1: 0"),
                bad(b -> b.workshops(4).rosterCap(3), "rosterCap must be at least the number of workshops (4) so that every workshop can hire: 3"),
                bad(b -> b.contract(Duration.ZERO), "contract must be positive: PT0S"),
                bad(b -> b.contract(Duration.ofSeconds(-1)), "contract must be positive: PT-1S"),
                bad(b -> b.inspection(Duration.ofMillis(-1)), "inspection must be zero (off) or positive: PT-0.001S"),
                bad(b -> b.transportCapacity(0), "transportCapacity must be at least 1: 0"),
                bad(b -> b.shipmentSize(0), "shipmentSize must be at least 1: 0"),
                bad(b -> b.shipmentAge(Duration.ZERO), "shipmentAge must be positive: PT0S"),
                bad(b -> b.warehouseRetries(-1), "warehouseRetries must be at least 0: -1"),
                bad(b -> b.retryBackoff(Duration.ofMillis(-5)), "retryBackoff must be zero (off) or positive: PT-0.005S"),
                bad(b -> b.statusInterval(Duration.ofSeconds(-2)), "statusInterval must be zero (off) or positive: PT-2S"));
    }

    private static Arguments bad(UnaryOperator<FactorySettings.Builder> setting, String message) {
        return Arguments.of(message, setting);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void badSettingIsRefusedNamingTheSettingAndTheValue(String message, UnaryOperator<FactorySettings.Builder> setting) {
        var builder = setting.apply(FactorySettings.builder());
        var refused = assertThrows(SettingException.class, builder::build);
        assertEquals(message, refused.getMessage());
        assertEquals(message, refused.setting() + " " + refused.problem());
        assertEquals(message.substring(0, message.indexOf(' ')), refused.setting(), "the setting, apart from the problem");
    }

    static Stream<Arguments> nullValues() {
        return Stream.of(
                Arguments.of("contract", (UnaryOperator<FactorySettings.Builder>) b -> b.contract(null)),
                Arguments.of("inspection", (UnaryOperator<FactorySettings.Builder>) b -> b.inspection(null)),
                Arguments.of("shipmentAge", (UnaryOperator<FactorySettings.Builder>) b -> b.shipmentAge(null)),
                Arguments.of("retryBackoff", (UnaryOperator<FactorySettings.Builder>) b -> b.retryBackoff(null)),
                Arguments.of("failurePolicy", (UnaryOperator<FactorySettings.Builder>) b -> b.failurePolicy(null)),
                Arguments.of("clock", (UnaryOperator<FactorySettings.Builder>) b -> b.clock(null)),
                Arguments.of("statusInterval", (UnaryOperator<FactorySettings.Builder>) b -> b.statusInterval(null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nullValues")
    void nullSettingIsRefusedNamingTheSetting(String name, UnaryOperator<FactorySettings.Builder> setting) {
        var builder = setting.apply(FactorySettings.builder());
        var refused = assertThrows(NullPointerException.class, builder::build);
        assertEquals(name, refused.getMessage());
    }

    @Test
    void zeroTurnsInspectionBackoffAndStatusOffAndZeroRetriesIsAllowed() {
        var settings = FactorySettings.builder()
                .inspection(Duration.ZERO)
                .retryBackoff(Duration.ZERO)
                .statusInterval(Duration.ZERO)
                .warehouseRetries(0)
                .build();
        assertEquals(Duration.ZERO, settings.inspection());
        assertEquals(0, settings.warehouseRetries());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        var defaults = FactorySettings.defaults();
        long heap = Runtime.getRuntime().maxMemory();
        assertEquals(Runtime.getRuntime().availableProcessors(), defaults.workshops());
        assertEquals(Math.max(256, Math.min(1_048_576, heap / 2048) / defaults.workshops()), defaults.lineCapacity());
        assertEquals(256, defaults.beltCapacity());
        assertEquals(Math.max(1024, Math.min(8_388_608, heap / 1024) / defaults.workshops()), defaults.beltLoad());
        assertEquals(HeapBudget.rosterCap(heap, defaults.workshops(), defaults.lineCapacity(), defaults.beltLoad(),
                defaults.transportCapacity(), 1000), defaults.rosterCap());
        assertEquals(Duration.ofSeconds(5), defaults.contract());
        assertEquals(Duration.ZERO, defaults.inspection());
        assertEquals(Math.max(1024, Math.min(65_536, heap / 4096)), defaults.transportCapacity());
        assertEquals(1000, defaults.shipmentSize());
        assertEquals(Duration.ofSeconds(1), defaults.shipmentAge());
        assertEquals(5, defaults.warehouseRetries());
        assertEquals(Duration.ofMillis(100), defaults.retryBackoff());
        assertEquals(FailurePolicy.REJECT, defaults.failurePolicy());
        assertEquals(InstantSource.system(), defaults.clock());
        assertFalse(defaults.eventTime());
        assertEquals(Duration.ofSeconds(1), defaults.statusInterval());
    }

    @Test
    void onALargeHeapTheDefaultLinesHoldAboutAMillionMaterialsWhateverTheWorkshops() {
        long heap = 8L << 30;
        assertEquals(1_048_576, FactorySettings.builder().heap(heap).workshops(1).build().lineCapacity());
        assertEquals(524_288, FactorySettings.builder().heap(heap).workshops(2).build().lineCapacity());
        assertEquals(349_525, FactorySettings.builder().heap(heap).workshops(3).build().lineCapacity());
        assertEquals(16_384, FactorySettings.builder().heap(heap).workshops(64).build().lineCapacity());
        assertEquals(256, FactorySettings.builder().heap(heap).workshops(10_000).build().lineCapacity(), "the smallest default");
        assertEquals(100, FactorySettings.builder().lineCapacity(100).workshops(2).build().lineCapacity(), "a set one is kept");
        assertEquals(100, FactorySettings.builder().workshops(2).lineCapacity(100).build().toBuilder().workshops(4).build()
                .lineCapacity(), "a built one is kept");
    }

    @Test
    void theDefaultsFollowTheHeap() {
        var big = FactorySettings.builder().heap(8L << 30).workshops(2).build();
        assertEquals(4_194_304, big.beltLoad());
        assertEquals(65_536, big.transportCapacity());
        assertEquals(ROSTER_8G, big.rosterCap());
        var small = FactorySettings.builder().heap(256L << 20).workshops(2).build();
        assertEquals(65_536, small.lineCapacity());
        assertEquals(131_072, small.beltLoad());
        assertEquals(65_536, small.transportCapacity());
        assertEquals(ROSTER_256M, small.rosterCap());
        var tiny = FactorySettings.builder().heap(64L << 20).workshops(2).build();
        assertEquals(16_384, tiny.lineCapacity());
        assertEquals(32_768, tiny.beltLoad());
        assertEquals(16_384, tiny.transportCapacity());
        assertEquals(ROSTER_64M, tiny.rosterCap());
        assertEquals(2_000, FactorySettings.builder().heap(64L << 20).workshops(64).beltCapacity(1_999).build().beltLoad(),
                "one full belt more than a belt, however small the share");
    }

    @Test
    void explicitSettingsWinOverTheHeap() {
        var settings = FactorySettings.builder().heap(64L << 20).workshops(2)
                .lineCapacity(1_000_000).beltLoad(2_000_000).rosterCap(3_000_000).transportCapacity(500_000).build();
        assertEquals(1_000_000, settings.lineCapacity());
        assertEquals(2_000_000, settings.beltLoad());
        assertEquals(3_000_000, settings.rosterCap());
        assertEquals(500_000, settings.transportCapacity());
    }

    @Test
    void settingsBeyondTheHeapAreRefusedNamingTheLargestPart() {
        var roster = FactorySettings.builder().heap(8L << 30).workshops(2).rosterCap(4_194_304).build();
        var refused = assertThrows(IllegalArgumentException.class, () -> HeapBudget.refuseOver(roster, 256L << 20));
        assertEquals("settings need up to 9.2 GB, more than the heap: roster cap 4,194,304 x ~2 KB per worker = 8 GB,"
                + " heap 256 MB; lower it or give the JVM more heap (-Xmx)", refused.getMessage());
        var lines = FactorySettings.builder().heap(8L << 30).workshops(2).rosterCap(2).lineCapacity(1 << 20).build();
        assertEquals("settings need up to 1.4 GB, more than the heap: (line capacity 1,048,576 x 1.5 + belt load 4,194,304)"
                + " x 2 workshops x ~128 B per material = 1.4 GB, heap 256 MB; lower it or give the JVM more heap (-Xmx)",
                assertThrows(IllegalArgumentException.class, () -> HeapBudget.refuseOver(lines, 256L << 20)).getMessage());
        HeapBudget.refuseOver(FactorySettings.builder().heap(256L << 20).build(), 256L << 20);
    }

    @Test
    void aFactoryRefusesToStartWithSettingsBeyondItsHeap() {
        long heap = Runtime.getRuntime().maxMemory();
        var settings = FactorySettings.builder().workshops(1).statusInterval(Duration.ZERO)
                .rosterCap((int) Math.min(Integer.MAX_VALUE, heap / HeapBudget.WORKER_BYTES + 1)).build();
        var builder = Factory.builder(new Recorder(), new Depot()).settings(settings);
        var refused = assertThrows(IllegalArgumentException.class, builder::start);
        assertTrue(refused.getMessage().contains("per worker"), refused.getMessage());
    }

    @Test
    void heapBelowOneMegabyteIsRefused() {
        assertEquals("heap must be at least 1 MB (1048576 bytes): 1000",
                assertThrows(IllegalArgumentException.class, () -> FactorySettings.builder().heap(1000)).getMessage());
    }

    @Test
    void toBuilderKeepsEverySetting() {
        var settings = FactorySettings.builder()
                .workshops(3).lineCapacity(7).beltCapacity(5).beltLoad(6).rosterCap(9).contract(Duration.ofMinutes(2))
                .inspection(Duration.ofSeconds(3)).transportCapacity(11).shipmentSize(13)
                .shipmentAge(Duration.ofMillis(17)).warehouseRetries(2).retryBackoff(Duration.ofMillis(19))
                .failurePolicy(FailurePolicy.FAIL).clock(new ManualClock()).eventTime(true)
                .statusInterval(Duration.ZERO).build();
        assertEquals(settings, settings.toBuilder().build());
        assertEquals(3, settings.rosterCapPerWorkshop());
    }

    @Test
    void factoryBuilderRefusesNulls() {
        var recorder = new Recorder();
        var depot = new Depot();
        assertEquals("blueprint", assertThrows(NullPointerException.class, () -> Factory.builder(null, depot)).getMessage());
        assertEquals("warehouse", assertThrows(NullPointerException.class, () -> Factory.builder(recorder, null)).getMessage());
        var builder = Factory.builder(recorder, depot);
        assertEquals("settings", assertThrows(NullPointerException.class, () -> builder.settings(null)).getMessage());
        assertEquals("handler", assertThrows(NullPointerException.class, () -> builder.deadLetters(null)).getMessage());
    }

    @Test
    void abortRefusesANullDeadline() {
        var settings = FactorySettings.builder().workshops(1).statusInterval(Duration.ZERO).build();
        try (var factory = Factory.builder(new Recorder(), new Depot()).settings(settings).start()) {
            assertEquals("deadline", assertThrows(NullPointerException.class, () -> factory.abort(null)).getMessage());
        }
    }
}
