package io.github.loomfactory.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The W3 floor sleeps once per material of W3's stream, on a thread per pid. */
@Timeout(120)
class BlockingFloorTest {

    @Test
    void everyMaterialIsSleptOnByItsPidsThread() throws Exception {
        assertEquals(2_000, BlockingFloor.lives(100, 2_000));
    }

    @Test
    void printsOneResultLine() throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = BlockingFloor.run(new String[] {"--scale", "0.002"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String line = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        assertTrue(line.matches("peer=floor workload=W3 materials=2000 threads=20 seconds=[0-9.]+ materials_per_s=\\d+\\n"), line);
    }
}
