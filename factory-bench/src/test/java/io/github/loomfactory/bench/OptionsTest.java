package io.github.loomfactory.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The command line of the scenario runner: defaults, scaling, and errors. */
class OptionsTest {
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @Test
    void defaultsComeFromTheWorkloadTable() {
        assertEquals(new Options(Workload.W1, Engine.Impl.FACTORY, 100_000, 20_000_000, 5_000, CORES),
                Options.parse("--workload", "W1"));
        assertEquals(new Options(Workload.W2, Engine.Impl.FACTORY, 1_000_000, 10_000_000, 200, CORES),
                Options.parse("--workload", "w2"));
        assertEquals(new Options(Workload.W3, Engine.Impl.BASELINE, 10_000, 1_000_000, 5_000, CORES),
                Options.parse("--workload", "W3", "--impl", "baseline"));
        assertEquals(new Options(Workload.W4, Engine.Impl.FACTORY, 1_000_000, 2_000_000, 60_000, CORES),
                Options.parse("--workload=W4"));
    }

    @Test
    void scaleMultipliesKAndN() {
        assertEquals(new Options(Workload.W1, Engine.Impl.FACTORY, 1_000, 200_000, 5_000, 3),
                Options.parse("--workload", "W1", "--scale", "0.01", "--workshops", "3"));
        assertEquals(new Options(Workload.W3, Engine.Impl.FACTORY, 50, 2_000, 7, CORES),
                Options.parse("--workload", "W3", "--k", "100", "--n", "4000", "--scale", "0.5", "--contract", "7"));
    }

    @Test
    void exactWorkloadsKeepTheirMaterialsPerPid() {
        assertEquals(new Options(Workload.W2, Engine.Impl.FACTORY, 333, 3_330, 200, CORES),
                Options.parse("--workload", "W2", "--scale", "0.000333"));
        assertEquals(new Options(Workload.W4, Engine.Impl.FACTORY, 10, 20, 60_000, CORES),
                Options.parse("--workload", "W4", "--k", "10"));
        assertEquals(new Options(Workload.W4, Engine.Impl.FACTORY, 10, 50, 60_000, CORES),
                Options.parse("--workload", "W4", "--k", "10", "--n", "50"));
    }

    @Test
    void mistakesAreNamed() {
        assertEquals("--workload is required (W1, W2, W3 or W4)", failure());
        assertEquals("unknown option --size (expected --workload, --k, --n, --contract, --workshops, --scale or --impl)",
                failure("--workload", "W1", "--size", "3"));
        assertEquals("--k needs a value", failure("--workload", "W1", "--k"));
        assertEquals("--k must be a positive integer: many", failure("--workload", "W1", "--k", "many"));
        assertEquals("--contract must be a positive integer: 0", failure("--workload", "W1", "--contract", "0"));
        assertEquals("--scale must be a positive number: -1", failure("--workload", "W1", "--scale", "-1"));
        assertEquals("--impl must be factory or baseline: pekko", failure("--workload", "W1", "--impl", "pekko"));
        assertEquals("W2 gives every pid the same number of materials: --n (15) must be a multiple of --k (10)",
                failure("--workload", "W2", "--k", "10", "--n", "15"));
    }

    private static String failure(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> Options.parse(args)).getMessage();
    }
}
