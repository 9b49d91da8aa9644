package io.github.loomfactory.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
    private final ModuleDescriptor descriptor = KafkaSource.class.getModule().getDescriptor();

    @Test
    void kafkaRequiresCoreTransitivelyAndTheAutomaticModuleOfKafkaClients() {
        assertEquals("io.github.loomfactory.kafka", descriptor.name());
        assertEquals(Set.of("java.base", "io.github.loomfactory.core", "kafka.clients", "org.slf4j"),
                descriptor.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
        assertTrue(KafkaSource.class.getModule().getLayer().findModule("kafka.clients").orElseThrow().getDescriptor().isAutomatic());
    }

    @Test
    void kafkaExportsOnlyItsRootPackage() {
        assertEquals(Set.of("io.github.loomfactory.kafka"),
                descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        assertTrue(descriptor.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified));
        assertTrue(descriptor.uses().isEmpty() && descriptor.provides().isEmpty() && descriptor.opens().isEmpty());
    }
}
