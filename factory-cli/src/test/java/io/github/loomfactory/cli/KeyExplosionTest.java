package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A factory fits the heap it is given: with the defaults sized from the heap, the command runs
 * many more keys than its roster holds, in a small heap, to the end. Each run is a child JVM with
 * its own {@code -Xmx}; the early retirements are counted in the summary and every product is
 * shipped.
 */
class KeyExplosionTest {
    private static final Pattern SHIPPED = Pattern.compile("shipped ([\\d,]+) products");
    private static final Pattern HIRED = Pattern.compile("workers hired ([\\d,]+)");
    private static final Pattern EARLY = Pattern.compile("retired early ([\\d,]+) \\(roster cap ([\\d,]+)\\)");

    /** A "map" blueprint: one product per material, whatever the key. */
    private static final Map<String, String> MAP = Map.of(
            "org/example/map/Click.java", """
                    package org.example.map;
                    public record Click(String user, long n) implements io.github.loomfactory.api.Material {
                        public Object pid() { return user; }
                    }
                    """,
            "org/example/map/Seen.java", """
                    package org.example.map;
                    public record Seen(String user, long n) implements io.github.loomfactory.api.Product {
                        public String pclass() { return "seen"; }
                    }
                    """,
            "org/example/map/Mapper.java", """
                    package org.example.map;
                    import io.github.loomfactory.api.*;
                    public class Mapper implements Blueprint<Click, Seen> {
                        public String name() { return "map"; }
                        public Class<Click> materialType() { return Click.class; }
                        public Class<Seen> productType() { return Seen.class; }
                        public Assembly<Click, Seen> newAssembly(Object pid) {
                            return (click, out) -> out.emit(new Seen(click.user(), click.n()));
                        }
                    }
                    """,
            "META-INF/services/io.github.loomfactory.api.Blueprint", "org.example.map.Mapper\n");

    @TempDir
    Path dir;

    @Test
    void twoMillionLinesOfAHundredThousandKeysRunToTheEndIn128Megabytes() throws Exception {
        int lines = 2_000_000;
        Path plugins = dir.resolve("plugins");
        TestPlugins.jar(dir, plugins, "map", MAP);
        Path input = dir.resolve("clicks.jsonl");
        var random = new SplittableRandom(16);
        try (BufferedWriter out = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            for (int n = 0; n < lines; n++) {
                out.write("{\"user\":\"u" + random.nextInt(100_000) + "\",\"n\":" + n + "}\n");
            }
        }

        var result = Cli.start(dir, null, List.of("-Xmx128m"), "run", "--plugins", plugins.toString(), "--blueprint", "map",
                "--input", input.toString(), "--warehouse", "jsonl:out").await(Duration.ofMinutes(5));

        assertEquals(0, result.code(), result::toString);
        String summary = summary(result);
        assertTrue(summary.startsWith("done"), summary);
        assertEquals(lines, number(SHIPPED, summary), summary);
        assertEquals(lines, lineCount(dir.resolve("out/seen.jsonl")), "every product in the file");
        Matcher early = matcher(EARLY, summary);
        long cap = Long.parseLong(early.group(2).replace(",", ""));
        assertTrue(cap < 100_000, () -> "a 128 MB heap caps the roster below the keys: " + summary);
        assertTrue(Long.parseLong(early.group(1).replace(",", "")) > 0, summary);
    }

    @Test
    void theDemosKeyExplosionRunsItsFifteenSecondsIn256MegabytesAndShipsEveryFlow() throws Exception {
        var result = Cli.start(dir, null, List.of("-Xmx256m"), "demo", "--conversations", "5000000", "--hosts", "100000",
                "--seconds", "15", "--warehouse", "jsonl:flows").await(Duration.ofMinutes(4));

        assertEquals(0, result.code(), result::toString);
        String summary = summary(result);
        assertTrue(summary.startsWith("done"), summary);
        long shipped = number(SHIPPED, summary);
        long inFiles;
        try (Stream<Path> files = Files.list(dir.resolve("flows"))) {
            inFiles = files.filter(file -> !file.getFileName().toString().equals("rejects.jsonl"))
                    .mapToLong(KeyExplosionTest::lineCount).sum();
        }
        assertEquals(shipped, inFiles, "every shipped flow record is in the files");
        assertTrue(shipped >= number(HIRED, summary), () -> "every worker retired with its flow record: " + summary);
        assertTrue(Long.parseLong(matcher(EARLY, summary).group(1).replace(",", "")) > 0, summary);
        assertTrue(result.err().lines().noneMatch(line -> line.contains("OutOfMemoryError")), result::toString);
    }

    private static String summary(Cli.Result result) {
        return result.out().lines().filter(line -> line.contains(" after ") && line.contains("purchased"))
                .reduce((first, second) -> second).orElseThrow(() -> new AssertionError("no summary in\n" + result));
    }

    private static Matcher matcher(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        assertTrue(matcher.find(), () -> pattern + " not in " + text);
        return matcher;
    }

    private static long number(Pattern pattern, String text) {
        return Long.parseLong(matcher(pattern, text).group(1).replace(",", ""));
    }

    private static long lineCount(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
