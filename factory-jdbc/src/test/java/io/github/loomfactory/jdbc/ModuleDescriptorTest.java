package io.github.loomfactory.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ModuleDescriptorTest {
    private final ModuleDescriptor descriptor = PostgresWarehouse.class.getModule().getDescriptor();

    @Test
    void theModuleExportsItsOnePackageAndRequiresTheApiAndTheDrivers() {
        assertEquals("io.github.loomfactory.jdbc", descriptor.name());
        assertEquals(Set.of("io.github.loomfactory.jdbc"), descriptor.exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet()));
        assertEquals(Set.of("java.base", "java.sql", "io.github.loomfactory.api", "org.slf4j", "org.postgresql.jdbc", "duckdb.jdbc"),
                descriptor.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
        assertEquals(Set.of(), descriptor.uses());
        assertEquals(Set.of(), descriptor.provides());
    }
}
