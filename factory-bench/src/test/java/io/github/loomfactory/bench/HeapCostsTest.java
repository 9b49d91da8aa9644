package io.github.loomfactory.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The costs behind the engine's heap-derived defaults hold: a material held on a line and a
 * product on the transportation line cost no more than the engine's worst-case formula assumes
 * (a small run; the README gives the full-size figures).
 */
class HeapCostsTest {
    private static final Pattern LINE = Pattern.compile("heap_costs material_bytes=(\\d+) material_budget=(\\d+)"
            + " product_bytes=(\\d+) product_budget=(\\d+) worker_bytes=(\\d+) worker_budget=(\\d+) ok=(true|false)\n");

    @Test
    void materialsAndProductsCostNoMoreThanTheFormulaAssumes() throws InterruptedException {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        HeapCosts.run(new String[] {"--line", "131072", "--transport", "131072", "--k", "5000"}, print(out), print(err));

        String line = out.toString(StandardCharsets.UTF_8);
        var matcher = LINE.matcher(line);
        assertTrue(matcher.matches(), () -> "not the costs line: " + line + " (stderr: " + err + ")");
        assertEquals(128, Long.parseLong(matcher.group(2)), "the formula's cost per material");
        assertEquals(128, Long.parseLong(matcher.group(4)), "the formula's cost per product");
        assertEquals(2048, Long.parseLong(matcher.group(6)), "the formula's cost per worker");
        long material = Long.parseLong(matcher.group(1));
        long product = Long.parseLong(matcher.group(3));
        assertTrue(material > 0 && material <= 128, line);
        assertTrue(product > 0 && product <= 128, line);
    }

    @Test
    void aBadCommandLineIsNamed() throws InterruptedException {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        assertEquals(2, HeapCosts.run(new String[] {"--k", "0"}, print(out), print(err)));
        assertEquals("HeapCosts: --k must be a positive integer: 0\n" + HeapCosts.USAGE + "\n", err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
