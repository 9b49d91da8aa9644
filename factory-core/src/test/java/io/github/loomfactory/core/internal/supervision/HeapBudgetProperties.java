package io.github.loomfactory.core.internal.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.core.FactorySettings;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The defaults derived from the heap: their documented worst case stays within half the heap on
 * any heap from 64 MB up, whatever the workshops and whichever settings are set explicitly; and
 * the defaults never refuse to start.
 */
class HeapBudgetProperties {
    private static final long MB = 1L << 20;

    @Property(tries = 1000)
    void theWorstCaseOfTheDefaultsStaysWithinHalfTheHeap(
            @ForAll @LongRange(min = 64, max = 256 * 1024) long heapMb,
            @ForAll @IntRange(min = 1, max = 128) int workshops,
            @ForAll @IntRange(min = 1, max = 10_000) int shipmentSize) {
        long heap = heapMb * MB;
        var settings = FactorySettings.builder().heap(heap).workshops(workshops).shipmentSize(shipmentSize).build();
        long worst = settings.worstCaseHeap();
        assertTrue(worst <= heap / 2, () -> "worst case " + worst + " of " + settings + " above half of " + heap);
        HeapBudget.refuseOver(settings, heap);
    }

    @Property(tries = 1000)
    void whatIsSetExplicitlyIsKeptAndTheOtherDefaultsMakeRoomForItWhenTheyCan(
            @ForAll @LongRange(min = 64, max = 64 * 1024) long heapMb,
            @ForAll @IntRange(min = 1, max = 64) int workshops,
            @ForAll @IntRange(min = 1, max = 1 << 16) int lineCapacity,
            @ForAll @IntRange(min = 1, max = 1 << 16) int transportCapacity,
            @ForAll boolean setLine,
            @ForAll boolean setTransport) {
        long heap = heapMb * MB;
        var builder = FactorySettings.builder().heap(heap).workshops(workshops);
        if (setLine) {
            builder.lineCapacity(lineCapacity);
        }
        if (setTransport) {
            builder.transportCapacity(transportCapacity);
        }
        var settings = builder.build();
        if (setLine) {
            assertEquals(lineCapacity, settings.lineCapacity());
        }
        if (setTransport) {
            assertEquals(transportCapacity, settings.transportCapacity());
        }
        long leastRoster = settings.toBuilder().rosterCap(workshops).build().worstCaseHeap();
        if (leastRoster <= heap / 2) {
            assertTrue(settings.worstCaseHeap() <= heap / 2, () -> "roster cap " + settings.rosterCap() + " overfills half of " + heap);
        }
        assertTrue(settings.rosterCap() >= workshops);
    }

    @Property(tries = 200)
    void theDefaultsOnABiggerHeapAreNeverSmaller(
            @ForAll @LongRange(min = 64, max = 64 * 1024) long heapMb,
            @ForAll @IntRange(min = 1, max = 64) int workshops) {
        var smaller = FactorySettings.builder().heap(heapMb * MB).workshops(workshops).build();
        var bigger = FactorySettings.builder().heap(2 * heapMb * MB).workshops(workshops).build();
        assertTrue(bigger.lineCapacity() >= smaller.lineCapacity());
        assertTrue(bigger.rosterCap() >= smaller.rosterCap());
        assertTrue(bigger.transportCapacity() >= smaller.transportCapacity());
    }
}
