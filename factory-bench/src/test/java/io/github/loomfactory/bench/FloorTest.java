package io.github.loomfactory.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The W4 floor of bare virtual threads: tiny runs, and its command line. */
class FloorTest {
    private static final Pattern LINE = Pattern.compile("peer=floor workload=W4 scope=(structured|none) materials=(\\d+)"
            + " threads=(\\d+) seconds=\\d+\\.\\d{3} materials_per_s=\\d+\n");

    @ParameterizedTest(name = "--scope {0}")
    @ValueSource(strings = {"structured", "none"})
    void aTinyRunEndsEveryThreadAndPrintsOneLine(String scope) throws InterruptedException {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = Floor.run(new String[] {"--k", "1000", "--per", "3", "--scope", scope}, print(out), print(err));

        String line = out.toString(StandardCharsets.UTF_8);
        var matcher = LINE.matcher(line);
        assertTrue(matcher.matches(), "not the floor's line: " + line + " (stderr: " + err + ")");
        assertEquals(scope, matcher.group(1));
        assertEquals(3000, Long.parseLong(matcher.group(2)));
        assertEquals(1000, Long.parseLong(matcher.group(3)));
        assertEquals(0, status);
    }

    @Test
    void everyThreadSeesAllItsMaterialsAndTheEnd() throws InterruptedException {
        assertEquals(500, Floor.lives(500, 4, true));
        assertEquals(500, Floor.lives(500, 1, false));
    }

    @Test
    void theDefaultsAreW4s() {
        assertEquals(new Floor.Settings(1_000_000, 2, true), Floor.Settings.parse());
        assertEquals(new Floor.Settings(10_000, 2, false), Floor.Settings.parse("--scale", "0.01", "--scope", "none"));
    }

    @Test
    void aBadCommandLineIsNamedOnStderrAndPrintsNoResult() throws InterruptedException {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = Floor.run(new String[] {"--scope", "flat"}, print(out), print(err));
        assertEquals(2, status);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
        assertEquals("Floor: --scope must be structured or none: flat\n" + Floor.USAGE + "\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void optionsNameWhatIsWrong() {
        assertEquals("--k must be a positive integer: 0",
                assertThrows(IllegalArgumentException.class, () -> Floor.Settings.parse("--k", "0")).getMessage());
        assertEquals("--per needs a value",
                assertThrows(IllegalArgumentException.class, () -> Floor.Settings.parse("--per")).getMessage());
        assertEquals("unknown option --n (expected --k, --per, --scale or --scope)",
                assertThrows(IllegalArgumentException.class, () -> Floor.Settings.parse("--n", "5")).getMessage());
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
