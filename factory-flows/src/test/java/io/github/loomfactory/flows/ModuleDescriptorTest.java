package io.github.loomfactory.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
    private final ModuleDescriptor descriptor = FlowsBlueprint.class.getModule().getDescriptor();

    @Test
    void flowsIsANamedModule() {
        assertNotNull(descriptor, "factory-flows must run as a named module");
        assertEquals("io.github.loomfactory.flows", descriptor.name());
    }

    @Test
    void flowsRequiresOnlyTheApiTransitively() {
        var requires = descriptor.requires().stream()
                .collect(Collectors.toMap(ModuleDescriptor.Requires::name, ModuleDescriptor.Requires::modifiers));
        assertEquals(Set.of("java.base", "io.github.loomfactory.api"), requires.keySet());
        assertTrue(requires.get("io.github.loomfactory.api").contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE),
                "the api's types appear in the flows API, so it must be required transitively");
    }

    @Test
    void flowsExportsTheBlueprintPacketsAndCaptureReadersUnqualified() {
        var exports = descriptor.exports().stream()
                .collect(Collectors.toMap(ModuleDescriptor.Exports::source, ModuleDescriptor.Exports::targets));
        assertEquals(Map.of("io.github.loomfactory.flows", Set.of(), "io.github.loomfactory.flows.capture", Set.of()), exports);
    }

    @Test
    void flowsProvidesTheFlowsBlueprintAndUsesNothing() {
        var provides = descriptor.provides().stream()
                .collect(Collectors.toMap(ModuleDescriptor.Provides::service, ModuleDescriptor.Provides::providers));
        assertEquals(Map.of("io.github.loomfactory.api.Blueprint", List.of(FlowsBlueprint.class.getName())), provides);
        assertTrue(descriptor.uses().isEmpty(), "uses " + descriptor.uses());
    }

    @Test
    void flowsOpensNothing() {
        assertTrue(descriptor.opens().isEmpty(), "opens " + descriptor.opens());
        assertTrue(!descriptor.isOpen(), "the module must not be open");
    }
}
