package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures that fail: the reject limit stops at once; a broken warehouse file does not take the healthy ones with it. */
class FailuresTest {
    @TempDir
    static Path shared;
    static Path plugins;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildPlugins() throws Exception {
        plugins = shared.resolve("plugins");
        TestPlugins.jar(shared, plugins, "readings", TestPlugins.READINGS);
    }

    @Test
    void maxRejectsStopsAsSoonAsThereAreMoreEvenWithoutAGoodRecordBetween() throws Exception {
        var input = new StringBuilder();
        for (int i = 0; i < 1_000; i++) {
            input.append("bad ").append(i).append('\n');
        }
        for (int i = 0; i < 10; i++) {
            input.append("{\"sensor\":\"s").append(i).append("\",\"value\":1}\n");
        }
        Files.writeString(dir.resolve("readings.jsonl"), input);

        var result = Cli.run(dir, "run", "--plugins", plugins.toString(), "--blueprint", "strict", "--input", "readings.jsonl",
                "--max-rejects", "3");

        assertEquals(1, result.code(), result.toString());
        assertTrue(result.err().contains("factory: stopped after 4 rejects (more than --max-rejects 3)"), result.toString());
        assertEquals(4, Files.readAllLines(dir.resolve("factory-out").resolve(Rejects.FILE_NAME)).size());
        assertTrue(result.out().contains("purchased 0, processed 0, shipped 0 products"), result.toString());
        assertFalse(Files.exists(dir.resolve("factory-out").resolve("totals.jsonl")), "nothing after the limit is read");
    }

    @Test
    void aBrokenWarehouseFileFailsTheRunButTheHealthyFileGetsItsProductsAndTheLeftoversTheirRealCause() throws Exception {
        var input = new StringBuilder();
        for (int i = 0; i < 100_000; i++) {
            input.append("{\"sensor\":\"s").append(i % 5_000).append("\",\"value\":").append(i).append("}\n");
        }
        Files.writeString(dir.resolve("readings.jsonl"), input);
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.createDirectories(out.resolve("ledger.jsonl"));

        var result = Cli.run(dir, "run", "--plugins", plugins.toString(), "--blueprint", "books", "--input", "readings.jsonl",
                "--warehouse", "jsonl:out", "--retries", "1", "--retry-backoff", "1ms");

        assertEquals(1, result.code(), result.toString());
        assertTrue(result.err().contains("factory: the run failed: warehouse failed to receive"), result.toString());
        assertTrue(result.err().contains("pclass 'ledger'"), result.toString());
        long summaries = Files.readAllLines(out.resolve("summary.jsonl")).size();
        assertTrue(summaries > 0, "the healthy bay is shipped: " + result);
        Matcher summary = Pattern.compile("^failed after [0-9.]+ s: purchased ([0-9,]+), processed ([0-9,]+), shipped ([0-9,]+) products",
                Pattern.MULTILINE).matcher(result.out());
        assertTrue(summary.find(), result.toString());
        assertEquals(summaries, number(summary.group(3)), "the summary counts what reached the files: " + result);
        Path rejectFile = out.resolve(Rejects.FILE_NAME);
        List<String> rejects = Files.exists(rejectFile) ? Files.readAllLines(rejectFile) : List.of();
        for (String reject : rejects) {
            assertTrue(reject.startsWith("{\"source\":\"factory\",\"pid\":"), reject);
            assertTrue(reject.contains("\"reason\":\"not processed: the factory failed first: warehouse failed to receive"), reject);
        }
        assertEquals(number(summary.group(1)) - number(summary.group(2)), rejects.size(),
                "every purchased material is processed or handed back: " + result);
    }

    private static long number(String text) {
        return Long.parseLong(text.replace(",", ""));
    }
}
