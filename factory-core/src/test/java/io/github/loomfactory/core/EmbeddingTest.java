package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The engine embedded in a user's program, in a child JVM: the ways to lose everything silently. */
@Timeout(120)
class EmbeddingTest {
    @TempDir
    Path dir;

    @Test
    void withPreviewFeaturesTheReadmeProgramShipsEverything() throws Exception {
        var result = ChildJvm.run(dir, List.of("--enable-preview"), EmbeddedMain.class);
        assertEquals(0, result.code(), result::toString);
        assertTrue(result.out().contains("shipped 110"), result::toString);
    }

    @Test
    void withoutPreviewFeaturesStartRefusesWithOneLineNamingTheFlag() throws Exception {
        var result = ChildJvm.run(dir, List.of(), EmbeddedMain.class);
        assertNotEquals(0, result.code(), result::toString);
        String first = result.err().lines().findFirst().orElse("");
        assertTrue(first.contains("--enable-preview"), result::toString);
        assertTrue(first.contains("IllegalStateException"), result::toString);
    }

    @Test
    void aFactoryNeverClosedIsDrainedWhenTheJvmExitsAndSaysSo() throws Exception {
        var result = ChildJvm.run(dir, List.of("--enable-preview"), UnclosedMain.class);
        assertEquals(0, result.code(), result::toString);
        long received = result.out().lines().filter(line -> line.startsWith("received "))
                .mapToLong(line -> Long.parseLong(line.substring("received ".length()))).sum();
        assertEquals(110, received, result::toString);
        assertTrue(result.err().contains("never closed"), result::toString);
    }
}
