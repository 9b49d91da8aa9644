package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
    private final ModuleDescriptor descriptor = Main.class.getModule().getDescriptor();

    @Test
    void theCliIsANamedModule() {
        assertNotNull(descriptor, "the cli must run as a named module");
        assertEquals("io.github.loomfactory.cli", descriptor.name());
    }

    @Test
    void theCliRequiresTheEngineFlowsLoggingOptionsJacksonAndTheWebServersParts() {
        Set<String> requires = descriptor.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
        assertEquals(Set.of("java.base", "io.github.loomfactory.core", "io.github.loomfactory.flows", "io.github.loomfactory.kafka",
                "io.github.loomfactory.jdbc", "org.slf4j", "info.picocli",
                "com.fasterxml.jackson.databind", "com.fasterxml.jackson.datatype.jsr310", "com.fasterxml.jackson.dataformat.csv",
                "jdk.httpserver", "jdk.unsupported", "io.prometheus.metrics.model", "io.prometheus.writer.text"), requires);
    }

    @Test
    void theCliExportsNothing() {
        assertTrue(descriptor.exports().isEmpty(), "exports " + descriptor.exports());
    }

    @Test
    void theCliUsesBlueprintsAndProvidesNone() {
        assertEquals(Set.of("io.github.loomfactory.api.Blueprint"), descriptor.uses());
        assertTrue(descriptor.provides().isEmpty(), "provides " + descriptor.provides() + "; the built-in flows comes from factory-flows");
    }

    @Test
    void theCliOpensOnlyWhatItsLibrariesReflectOn() {
        var opens = descriptor.opens().stream()
                .collect(Collectors.toMap(ModuleDescriptor.Opens::source, ModuleDescriptor.Opens::targets));
        assertEquals(Map.of("io.github.loomfactory.cli", Set.of("info.picocli"), "io.github.loomfactory.cli.web", Set.of("info.picocli")), opens);
    }
}
