package io.github.loomfactory.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** Drives the sample blueprint's assemblies by hand, as the engine would. */
class BlueprintContractTest {

    private final Totals blueprint = new Totals();

    @Test
    void assemblyEmitsOnlyWhenItRetires() throws Exception {
        List<Totals.Total> shipped = new ArrayList<>();
        Assembly<Totals.Reading, Totals.Total> assembly = blueprint.newAssembly("s1");

        assembly.accept(new Totals.Reading("s1", 3), shipped::add);
        assembly.accept(new Totals.Reading("s1", 4), shipped::add);
        assertTrue(shipped.isEmpty());

        assembly.retire(Retirement.IDLE, shipped::add);
        assertEquals(List.of(new Totals.Total("s1", 2, 7, "IDLE")), shipped);
    }

    @Test
    void eachWorkerGetsItsOwnAssembly() throws Exception {
        var first = blueprint.newAssembly("a");
        var second = blueprint.newAssembly("a");
        assertNotSame(first, second);
        first.accept(new Totals.Reading("a", 10), product -> { });
        List<Totals.Total> out = new ArrayList<>();
        second.retire(Retirement.DRAIN, out::add);
        assertEquals(0, out.getFirst().sum(), "state must not leak between assemblies");
    }

    @Test
    void aFailingMaterialThrowsToTheEngine() {
        var assembly = blueprint.newAssembly("s");
        var failure = assertThrows(IllegalArgumentException.class,
                () -> assembly.accept(new Totals.Reading("s", -1), product -> { }));
        assertEquals("negative reading -1", failure.getMessage());
    }

    @Test
    void defaultInspectionAndRetirementEmitNothing() throws Exception {
        Assembly<Totals.Reading, Totals.Total> bare = (material, out) -> out.emit(new Totals.Total("x", 1, material.value(), "accept"));
        List<Totals.Total> out = new ArrayList<>();
        bare.inspect(Instant.EPOCH, out::add);
        bare.retire(Retirement.EARLY, out::add);
        assertTrue(out.isEmpty());
    }

    @Test
    void materialKnowsNoEventTimeByDefault() {
        assertEquals(Optional.empty(), new Totals.Reading("s", 1).eventTime());
    }

    @Test
    void blueprintDeclaresItsTypesForHosts() {
        assertEquals("totals", blueprint.name());
        assertEquals(Totals.Reading.class, blueprint.materialType());
        assertEquals(Totals.Total.class, blueprint.productType());
    }

    @Property
    void retirementReportsCountAndSumOfAcceptedValues(@ForAll @Size(max = 200) List<@LongRange(min = 0, max = 1_000_000) Long> values)
            throws Exception {
        var assembly = blueprint.newAssembly("p");
        for (long value : values) {
            assembly.accept(new Totals.Reading("p", value), product -> { });
        }
        List<Totals.Total> out = new ArrayList<>();
        assembly.retire(Retirement.DRAIN, out::add);
        assertEquals(1, out.size());
        assertEquals(values.size(), out.getFirst().count());
        assertEquals(values.stream().mapToLong(Long::longValue).sum(), out.getFirst().sum());
    }
}
