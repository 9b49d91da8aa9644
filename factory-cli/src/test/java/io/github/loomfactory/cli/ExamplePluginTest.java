package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.core.Rehearsal;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example plugin project ({@code examples/sessions}) built as its user would build it, with
 * its own pom and its own tests (which use the Rehearsal harness without preview features), then
 * loaded from a plugin directory by the command through ServiceLoader.
 *
 * <p>The example depends on {@code factory-api} (and, for its tests, {@code factory-core}) by
 * their coordinates, which no repository holds during this build, and tests must not install
 * into the shared local repository. So the test runs Maven offline on a copy of the project with
 * a chained local repository: a fresh head holding only this build's api and core jars and poms,
 * in front of the real local repository as a read-only tail for everything else (plugins,
 * JUnit, jqwik), all of which this very build has already resolved.
 */
class ExamplePluginTest {
    @TempDir
    Path dir;

    @Test
    void theExamplePluginBuildsWithItsOwnPomAndRunsFromAPluginDirectory() throws Exception {
        Path root = Cli.repositoryRoot();
        Path project = copy(root.resolve("examples").resolve("sessions"), dir.resolve("sessions"));
        Path repository = headRepository(root, dir.resolve("repository"));
        Path log = dir.resolve("maven.log");
        var maven = new ProcessBuilder(root.resolve("mvnw").toString(), "-B", "-q", "-o",
                "-f", project.resolve("pom.xml").toString(),
                "-Dmaven.repo.local=" + repository,
                "-Dmaven.repo.local.tail=" + System.getProperty("loom.local.repository"),
                "package")
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!maven.waitFor(4, TimeUnit.MINUTES)) {
            maven.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals(0, maven.exitValue(), "the example's build failed:\n" + Files.readString(log));
        Path plugins = Files.createDirectories(dir.resolve("plugins"));
        Files.copy(project.resolve("target").resolve("example-sessions-" + System.getProperty("loom.version") + ".jar"),
                plugins.resolve("sessions.jar"));
        Files.writeString(dir.resolve("clicks.jsonl"), """
                {"user":"ann","at":"2026-03-02T09:00:00Z","page":"/"}
                {"user":"bob","at":"2026-03-02T09:05:00Z","page":"/"}
                {"user":"ann","at":"2026-03-02T09:10:00Z","page":"/shop"}
                {"user":"ann","at":"2026-03-02T10:00:00Z","page":"/"}
                {"user":"bob","at":"2026-03-02T10:01:00Z","page":"/help"}
                {"user":"bob","at":"2026-03-02 10:02","page":"/bad-time"}
                """);

        var listed = Cli.run(dir, "blueprints", "--plugins", "plugins");
        var result = Cli.run(dir, "run", "--plugins", "plugins", "--blueprint", "sessions", "--input", "clicks.jsonl",
                "--event-time", "--contract", "30m", "--warehouse", "csv:out");

        assertEquals(0, listed.code(), listed.toString());
        assertTrue(listed.out().lines().anyMatch(line -> line.matches(
                "sessions +io.github.loomfactory.examples.sessions.Click +io.github.loomfactory.examples.sessions.Session +.*sessions.jar")),
                listed.toString());
        assertEquals(0, result.code(), result.toString());
        List<String> rows = Files.readAllLines(dir.resolve("out").resolve("sessions.csv"));
        assertEquals("user,start,end,clicks,entry,exit", rows.getFirst());
        assertEquals(List.of(
                "ann,2026-03-02T09:00:00Z,2026-03-02T09:10:00Z,2,/,/shop",
                "ann,2026-03-02T10:00:00Z,2026-03-02T10:00:00Z,1,/,/",
                "bob,2026-03-02T09:05:00Z,2026-03-02T09:05:00Z,1,/,/",
                "bob,2026-03-02T10:01:00Z,2026-03-02T10:01:00Z,1,/help,/help"), rows.subList(1, rows.size()).stream().sorted().toList());
        String rejects = Files.readString(dir.resolve("out").resolve(Rejects.FILE_NAME));
        assertTrue(rejects.startsWith("{\"source\":\"clicks.jsonl\",\"line\":6,\"reason\":\"Cannot deserialize value of type `java.time.Instant`"),
                rejects);

        var hourly = Cli.run(dir, "run", "--plugins", "plugins/sessions.jar", "--blueprint", "sessions", "--input", "clicks.jsonl",
                "--set", "gap=1h", "--event-time", "--contract", "1h", "--warehouse", "csv:hourly");
        assertEquals(0, hourly.code(), hourly.toString());
        List<String> longer = Files.readAllLines(dir.resolve("hourly").resolve("sessions.csv"));
        assertEquals(List.of(
                "ann,2026-03-02T09:00:00Z,2026-03-02T10:00:00Z,3,/,/",
                "bob,2026-03-02T09:05:00Z,2026-03-02T10:01:00Z,2,/,/help"), longer.subList(1, longer.size()).stream().sorted().toList());
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(p -> !from.relativize(p).startsWith("target")).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }

    /** A local repository holding this build's parent pom, api and core, as `mvn install` would lay them out. */
    private static Path headRepository(Path root, Path repository) throws IOException, InterruptedException {
        String version = System.getProperty("loom.version");
        Path group = repository.resolve("io/github/loomfactory");
        put(group, "loom-factory", version, root.resolve("pom.xml"), null);
        put(group, "factory-api", version, root.resolve("factory-api/pom.xml"), jarOf(Blueprint.class, repository));
        put(group, "factory-core", version, root.resolve("factory-core/pom.xml"), jarOf(Rehearsal.class, repository));
        return repository;
    }

    private static void put(Path group, String artifact, String version, Path pom, Path jar) throws IOException {
        Path dir = Files.createDirectories(group.resolve(artifact).resolve(version));
        Files.copy(pom, dir.resolve(artifact + "-" + version + ".pom"));
        if (jar != null) {
            Files.copy(jar, dir.resolve(artifact + "-" + version + ".jar"));
        }
    }

    /** The jar the tests run {@code type} from; made from its classes directory when the build has not packaged it yet. */
    private static Path jarOf(Class<?> type, Path work) throws IOException, InterruptedException {
        Path location;
        try {
            location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (Files.isRegularFile(location)) {
            return location;
        }
        Path jar = work.resolveSibling(type.getSimpleName() + ".jar");
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jar").toString(),
                "--create", "--file", jar.toString(), "-C", location.toString(), "."));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        return jar;
    }
}
