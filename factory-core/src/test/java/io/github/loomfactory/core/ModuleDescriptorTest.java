package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {

    private final ModuleDescriptor descriptor = Factory.class.getModule().getDescriptor();

    @Test
    void coreIsANamedModule() {
        assertNotNull(descriptor, "core must run as a named module");
        assertEquals("io.github.loomfactory.core", descriptor.name());
    }

    @Test
    void coreRequiresTheApiTransitivelySlf4jAndJfr() {
        Map<String, Set<Requires.Modifier>> requires = descriptor.requires().stream()
                .collect(Collectors.toMap(Requires::name, Requires::modifiers));
        assertEquals(Set.of("java.base", "io.github.loomfactory.api", "org.slf4j", "jdk.jfr"), requires.keySet());
        assertTrue(requires.get("io.github.loomfactory.api").contains(Requires.Modifier.TRANSITIVE),
                "users of core see the api without requiring it");
    }

    @Test
    void coreExportsOnlyItsRootPackageUnqualified() {
        assertEquals(Set.of("io.github.loomfactory.core"),
                descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
        assertTrue(descriptor.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified));
        assertTrue(descriptor.opens().isEmpty());
    }

    @Test
    void theDepartmentsArePackagesOfTheModuleThatItDoesNotExport() {
        var internal = Set.of("io.github.loomfactory.core.internal.production", "io.github.loomfactory.core.internal.transport",
                "io.github.loomfactory.core.internal.supervision");
        assertEquals(Set.of("io.github.loomfactory.core"), descriptor.packages().stream()
                .filter(name -> !internal.contains(name)).collect(Collectors.toSet()));
        assertTrue(descriptor.packages().containsAll(internal), "packages: " + descriptor.packages());
    }

    @Test
    void coreNeitherUsesNorProvidesServices() {
        assertTrue(descriptor.uses().isEmpty());
        assertTrue(descriptor.provides().isEmpty());
    }
}
