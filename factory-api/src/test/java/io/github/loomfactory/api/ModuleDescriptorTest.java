package io.github.loomfactory.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {

    private final ModuleDescriptor descriptor = Blueprint.class.getModule().getDescriptor();

    @Test
    void apiIsANamedModule() {
        assertNotNull(descriptor, "the api must run as a named module");
        assertEquals("io.github.loomfactory.api", descriptor.name());
    }

    @Test
    void apiRequiresNothingButJavaBase() {
        Set<String> requires = descriptor.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
        assertEquals(Set.of("java.base"), requires);
    }

    @Test
    void apiExportsOnlyItsRootPackageToEveryone() {
        assertEquals(1, descriptor.exports().size());
        ModuleDescriptor.Exports exports = descriptor.exports().iterator().next();
        assertEquals("io.github.loomfactory.api", exports.source());
        assertTrue(!exports.isQualified(), "no qualified exports");
    }

    @Test
    void apiNeitherUsesNorProvidesServices() {
        assertTrue(descriptor.uses().isEmpty());
        assertTrue(descriptor.provides().isEmpty());
    }
}
