package io.github.loomfactory.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {

    private final ModuleDescriptor descriptor = Scenarios.class.getModule().getDescriptor();

    @Test
    void benchIsANamedModule() {
        assertNotNull(descriptor, "bench must run as a named module");
        assertEquals("io.github.loomfactory.bench", descriptor.name());
    }

    @Test
    void benchRequiresTheEngineJmhAndManagement() {
        assertEquals(Set.of("java.base", "io.github.loomfactory.core", "io.github.loomfactory.flows", "java.management",
                "jmh.core", "io.github.loomfactory.kafka", "kafka.clients", "io.github.loomfactory.jdbc",
                "org.postgresql.jdbc"),
                descriptor.requires().stream().map(Requires::name).collect(Collectors.toSet()));
        assertTrue(descriptor.requires().stream().noneMatch(r -> r.modifiers().contains(Requires.Modifier.TRANSITIVE)));
    }

    @Test
    void benchExportsAndOpensNothingSoNothingCanDependOnIt() {
        assertTrue(descriptor.exports().isEmpty());
        assertTrue(descriptor.opens().isEmpty());
    }

    @Test
    void benchNeitherUsesNorProvidesServices() {
        assertTrue(descriptor.uses().isEmpty());
        assertTrue(descriptor.provides().isEmpty());
    }
}
