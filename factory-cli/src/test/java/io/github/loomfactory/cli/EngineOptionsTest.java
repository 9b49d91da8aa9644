package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.core.FactorySettings;
import io.github.loomfactory.core.SettingException;
import java.lang.reflect.RecordComponent;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine's refusals are said in option names through a table, never by rewriting text. */
class EngineOptionsTest {

    @Test
    void aRefusedSettingIsNamedByItsOptionAndOnlyItsName() {
        // "workshops" inside the problem stays as it is: only the setting the engine names is looked up
        var refused = assertThrows(SettingException.class,
                () -> FactorySettings.builder().workshops(4).rosterCap(3).build());
        assertEquals("--roster-cap must be at least the number of workshops (4) so that every workshop can hire: 3",
                EngineOptions.refusal(refused));
    }

    @Test
    void aBeltLoadNoBiggerThanABeltIsRefusedByItsOption() {
        var refused = assertThrows(SettingException.class, () -> FactorySettings.builder().beltCapacity(300).beltLoad(300).build());
        assertEquals("--belt-load must be more than the belt capacity (300), so that one pid's full belt does not hold its workshop back: 300",
                EngineOptions.refusal(refused));
        assertEquals("--belt-load", EngineOptions.option("beltLoad").orElseThrow());
    }

    @Test
    void aMessageWithoutASettingIsKept() {
        assertEquals("settings need more than the heap", EngineOptions.refusal(new IllegalArgumentException("settings need more than the heap")));
    }

    @Test
    void everySettingTheCommandSetsHasAnOption() {
        Set<String> notOptions = Set.of("failurePolicy", "clock", "eventTime", "workerNames", "statusInterval", "settleWithin", "primer");
        for (RecordComponent component : FactorySettings.class.getRecordComponents()) {
            if (!notOptions.contains(component.getName())) {
                assertTrue(EngineOptions.option(component.getName()).isPresent(), "an option for " + component.getName());
            }
        }
        assertEquals("--contract", EngineOptions.option("contract").orElseThrow());
    }

    @Test
    void aFlowsRefusalIsNamedByItsLeadingSettingOnly() {
        assertEquals("--hosts must be in 1..10: 0", DemoCommand.demoRefusal("hosts must be in 1..10: 0"));
        assertEquals("--active-timeout must be positive: PT0S", DemoCommand.demoRefusal("activeTimeout must be positive: PT0S"));
        assertEquals("too many hosts for the conversations", DemoCommand.demoRefusal("too many hosts for the conversations"));
    }
}
