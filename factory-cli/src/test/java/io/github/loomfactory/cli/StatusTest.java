package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.loomfactory.core.FactoryStats;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status line: rates, what waits where, the drain's progress, and messages that are not glued to it. */
class StatusTest {
    private static FactoryStats stats(long purchased, long processed, long shipped, long hires, long retirements,
            List<Integer> lines, List<Integer> rosters) {
        return new FactoryStats(Instant.EPOCH, purchased, processed, 0, 0, shipped, shipped, hires, retirements, lines, rosters, 0, 0, 0,
                0, 0, Map.of(), Map.of(), List.of(), Instant.MIN, Map.of(), Duration.ZERO, 0);
    }

    @Test
    void theLineShowsRatesLinesBeltsRosterAndRetiringWorkers() {
        var before = stats(1_000_000, 800_000, 100_000, 5_000, 1_000, List.of(0, 0), List.of(0, 0));
        var now = stats(1_200_000, 966_926, 300_000, 9_000, 2_000, List.of(100_000, 120_000), List.of(3_000, 3_990));

        assertEquals("purchased 200,000/s processed 166,926/s shipped 200,000/s | lines [100,000 120,000] belts 13,074"
                + " | roster [3,000 3,990] retiring 10 | rejects 1,234 | retired early 0 | held ~0 B", Status.line(before, now, 1.0, 1_234, false));
    }

    @Test
    void whileDrainingTheLineSaysHowManyMaterialsAreLeft() {
        var before = stats(1_000_000, 200_000, 0, 10, 0, List.of(700_000, 0), List.of(5, 5));
        var now = stats(1_000_000, 266_000, 0, 10, 0, List.of(634_000, 0), List.of(5, 5));

        assertEquals("draining: 734,000 materials left | purchased 0/s processed 33,000/s shipped 0/s | lines [634,000 0] belts 100,000"
                + " | roster [5 5] retiring 0 | rejects 0 | retired early 0 | held ~0 B", Status.line(before, now, 2.0, 0, true));
    }

    @Test
    void aMessageOnATerminalClearsTheStatusLineFirst() throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var stream = new PrintStream(out, true, StandardCharsets.UTF_8);
        var errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        var snapshot = stats(0, 0, 0, 0, 0, List.of(0), List.of(0));
        var status = new Status(() -> snapshot, () -> 0, stream, true, 1_000_000L);
        status.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (out.size() == 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
        status.say(errors, "factory: SIGINT: finishing the accepted work (send it again to abort)");
        status.stop();

        String drawn = out.toString(StandardCharsets.UTF_8);
        assertEquals("factory: SIGINT: finishing the accepted work (send it again to abort)\n", err.toString(StandardCharsets.UTF_8));
        assertEquals(true, drawn.contains("\r\033[K"), "the line is cleared before the message: " + drawn.replace("\033", "ESC"));
        assertEquals(true, drawn.startsWith("\rpurchased 0/s"), drawn);
    }
}
