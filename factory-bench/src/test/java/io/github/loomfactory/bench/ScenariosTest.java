package io.github.loomfactory.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Tiny end-to-end runs of the scenario runner, on both implementations. */
class ScenariosTest {
    private static final Pattern LINE = Pattern.compile("peer=(factory|baseline) workload=(W[1-4]) materials=(\\d+)"
            + " products=(\\d+) seconds=\\d+\\.\\d{3} materials_per_s=\\d+ heap_peak_mb=\\d+ heap_per_worker_bytes=(\\d+|NA)"
            + " ok=(true|false)\n");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "factory,  W1, --k 100 --n 20000, 20000, 20000",
        "baseline, W1, --k 100 --n 20000, 20000, 20000",
        "factory,  W2, --scale 0.001, 10000, 1000",
        "baseline, W2, --scale 0.001, 10000, 1000",
        "factory,  W3, --k 10 --n 200, 200, 200",
        "baseline, W3, --k 10 --n 200, 200, 200",
        "factory,  W4, --scale 0.001, 2000, 2000",
        "baseline, W4, --scale 0.001, 2000, 2000",
    })
    void aTinyRunPrintsOneWellFormedLineThatChecksOut(String impl, String workload, String size, long materials, long products)
            throws InterruptedException {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        String[] args = ("--impl " + impl + " --workload " + workload + " " + size).split(" ");
        int status = Scenarios.run(args, print(out), print(err));

        String line = out.toString(StandardCharsets.UTF_8);
        var matcher = LINE.matcher(line);
        assertTrue(matcher.matches(), "not the line of BENCHMARKS.md: " + line + " (stderr: " + err + ")");
        assertEquals(impl, matcher.group(1));
        assertEquals(workload, matcher.group(2));
        assertEquals(materials, Long.parseLong(matcher.group(3)));
        assertEquals(products, Long.parseLong(matcher.group(4)));
        assertEquals("W4".equals(workload), !"NA".equals(matcher.group(5)), "heap per worker is measured for W4 only");
        assertEquals("true", matcher.group(6), "stderr: " + err);
        assertEquals(0, status);
    }

    @Test
    void aBadCommandLineIsNamedOnStderrAndPrintsNoResult() throws InterruptedException {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = Scenarios.run(new String[] {"--workload", "W9"}, print(out), print(err));
        assertEquals(2, status);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals("Scenarios: --workload must be W1, W2, W3 or W4: W9\n" + Options.USAGE + "\n",
                err.toString(StandardCharsets.UTF_8));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
