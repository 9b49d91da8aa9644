package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Priming the JIT is the user's explicit choice: a factory on default settings does not prime. */
@Timeout(60)
class PrimerSettingTest {

    @Test
    void aFactoryOnDefaultSettingsDoesNotPrime() throws Exception {
        long before = Primer.requests();
        var settings = FactorySettings.builder().workshops(1).statusInterval(Duration.ZERO).build();
        try (var factory = Factory.builder(new Recorder(), new Depot()).settings(settings).start()) {
            factory.purchase(Part.of("a", 0));
        }
        assertEquals(before, Primer.requests(), "the default start asked for priming");
    }

    @Test
    void aFactoryWhoseSettingsAskForItPrimesOncePerJvm() throws Exception {
        long before = Primer.requests();
        var settings = FactorySettings.builder().workshops(1).statusInterval(Duration.ZERO).primer(true).build();
        for (int run = 0; run < 2; run++) {
            try (var factory = Factory.builder(new Recorder(), new Depot()).settings(settings).start()) {
                factory.purchase(Part.of("a", 0));
            }
        }
        assertEquals(before + 2, Primer.requests(), "each start asks; only the first in the JVM primes");
    }
}
