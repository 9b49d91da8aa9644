package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The artifacts as a user gets them, and the example plugin project ({@code examples/sessions})
 * built against them alone, as its user would build it, then loaded by the command.
 *
 * <p>Publishing: a copy of this repository (sources and poms, no build output) is deployed, for
 * the published modules only ({@code factory-bom}, the library modules of {@link #JARS} and
 * their parent), to a file repository under the test's directory, with a version no other
 * repository holds ({@value #VERSION}), so nothing of this build's reactor or of the local
 * repository can stand in for it. The example is then built with the wrapper against Maven
 * Central plus that file repository only, with an empty local repository (the real one is only
 * a read-only tail for third-party artifacts, which come from Central as usual): a published POM
 * that names a parent or a dependency that was not published fails here.
 */
class ExamplePluginTest {
    /** The version the copy is published with. */
    static final String VERSION = "0.0.0-publishing-test";
    /** The modules users get; each has a jar, a sources jar and a javadoc jar. */
    static final List<String> JARS = List.of("factory-api", "factory-core", "factory-flows", "factory-jdbc", "factory-kafka");

    @TempDir
    static Path shared;
    static Path published;

    @TempDir
    Path dir;

    @BeforeAll
    static void publish() throws Exception {
        Path root = Cli.repositoryRoot();
        Path source = copy(root, shared.resolve("source"));
        for (Path pom : poms(source)) {
            Files.writeString(pom, Files.readString(pom).replace("<version>0.1.0-SNAPSHOT</version>", "<version>" + VERSION + "</version>"));
        }
        published = shared.resolve("published");
        maven(source, shared.resolve("publish.log"), "-f", source.resolve("pom.xml").toString(),
                "-pl", "factory-bom," + String.join(",", JARS), "-am", "deploy", "-Dmaven.test.skip=true",
                // a local repository of its own (the real one a read-only tail), so that what is
                // deployed does not also land where the example's build could find it
                "-Dmaven.repo.local=" + shared.resolve("deploy-local-repository"),
                "-Dmaven.repo.local.tail=" + System.getProperty("loom.local.repository"),
                "-DaltDeploymentRepository=publish::" + published.toUri());
    }

    @Test
    void thePublishedModulesHaveWhatMavenCentralAsksFor() throws Exception {
        Path group = published.resolve("io/github/loomfactory");
        for (String module : JARS) {
            Path version = group.resolve(module).resolve(VERSION);
            for (String suffix : List.of(".jar", "-sources.jar", "-javadoc.jar", ".pom")) {
                assertTrue(Files.isRegularFile(version.resolve(module + "-" + VERSION + suffix)), module + suffix);
            }
            String pom = Files.readString(version.resolve(module + "-" + VERSION + ".pom"));
            assertTrue(pom.contains("<name>") && pom.contains("<description>"), module + " names and describes itself");
        }
        String parent = Files.readString(group.resolve("loom-factory").resolve(VERSION).resolve("loom-factory-" + VERSION + ".pom"));
        for (String element : List.of("<url>", "<licenses>", "<developers>", "<scm>", "<connection>", "<id>release</id>",
                "maven-gpg-plugin", "central-publishing-maven-plugin")) {
            assertTrue(parent.contains(element), "the parent pom holds " + element);
        }
        String bom = Files.readString(group.resolve("factory-bom").resolve(VERSION).resolve("factory-bom-" + VERSION + ".pom"));
        for (String module : JARS) {
            assertTrue(bom.contains("<artifactId>" + module + "</artifactId>"), module + " is in the bom: " + bom);
        }
        assertTrue(bom.contains("<licenses>") && bom.contains("<scm>") && bom.contains("<developers>"), bom);
        assertFalse(Files.exists(group.resolve("factory-cli")), "the command is not published");
        assertFalse(Files.exists(group.resolve("factory-bench")), "the benchmarks are not published");
    }

    @Test
    void theExamplePluginBuildsAgainstThePublishedArtifactsAloneAndRunsFromAPluginDirectory() throws Exception {
        Path root = Cli.repositoryRoot();
        Path project = copy(root.resolve("examples").resolve("sessions"), dir.resolve("sessions"));
        Path pom = project.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("<loom.version>0.1.0-SNAPSHOT</loom.version>",
                "<loom.version>" + VERSION + "</loom.version>"));
        Path settings = Files.writeString(dir.resolve("settings.xml"), """
                <settings>
                  <profiles>
                    <profile>
                      <id>published</id>
                      <repositories>
                        <repository>
                          <id>published</id>
                          <url>URL</url>
                        </repository>
                      </repositories>
                    </profile>
                  </profiles>
                  <activeProfiles>
                    <activeProfile>published</activeProfile>
                  </activeProfiles>
                </settings>
                """.replace("URL", published.toUri().toString()));
        Path empty = Files.createDirectories(dir.resolve("empty-local-repository"));
        maven(project, dir.resolve("maven.log"), "-f", pom.toString(), "-s", settings.toString(),
                "-Dmaven.repo.local=" + empty, "-Dmaven.repo.local.tail=" + System.getProperty("loom.local.repository"),
                "package");
        assertTrue(Files.isRegularFile(empty.resolve("io/github/loomfactory/factory-api").resolve(VERSION)
                .resolve("factory-api-" + VERSION + ".jar")), "the api came from the published repository");
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

    /** Whether a copy takes {@code path}: not build output, not git's own files. */
    private static boolean copied(Path path) {
        for (Path part : path) {
            String name = part.toString();
            if (name.equals("target") || name.equals(".git")) {
                return false;
            }
        }
        return true;
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(p -> copied(from.relativize(p))).toList()) {
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

    /** Runs the wrapper with {@code args} in {@code dir}; fails with its log unless it succeeds within six minutes. */
    private static void maven(Path dir, Path log, String... args) throws IOException, InterruptedException {
        var command = new ArrayList<String>(List.of(Cli.repositoryRoot().resolve("mvnw").toString(), "-B", "-q"));
        command.addAll(List.of(args));
        var maven = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!maven.waitFor(6, TimeUnit.MINUTES)) {
            maven.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals(0, maven.exitValue(), String.join(" ", command) + " failed:\n" + Files.readString(log));
    }

    private static List<Path> poms(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().equals("pom.xml")).toList();
        }
    }
}
