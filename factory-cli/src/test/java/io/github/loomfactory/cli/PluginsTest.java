package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins as users write them: modular or plain jars that use JDK modules beyond java.base
 * (java.net.http, java.sql, jdk.httpserver), loaded by {@code --plugins} from a directory or a
 * single jar, configured with {@code --set} and {@code --options}; and the mistakes around them,
 * each reported in one line with exit code 2.
 */
class PluginsTest {
    @TempDir
    static Path shared;
    static Path modular;
    static Path plainDir;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildPlugins() throws Exception {
        modular = TestPlugins.modularJar(shared, shared.resolve("modular"), "fetch-module",
                TestPlugins.fetch("org.example.fetch"), TestPlugins.fetchModule("org.example.fetch", "org.example.fetch"));
        plainDir = shared.resolve("plain");
        TestPlugins.jar(shared, plainDir, "fetch-plain", TestPlugins.fetch("org.example.plainfetch"));
    }

    private Path lookups() throws Exception {
        return Files.writeString(dir.resolve("lookups.jsonl"), """
                {"sensor":"ann","value":1}
                {"sensor":"bob","value":2}
                {"sensor":"ann","value":3}
                """);
    }

    private List<String> answers() throws Exception {
        return Files.readAllLines(dir.resolve("out").resolve("answers.jsonl")).stream().sorted().toList();
    }

    @Test
    void aModularPluginThatRequiresJdkModulesRunsFromAJarFileWithItsOptions() throws Exception {
        lookups();
        var result = Cli.run(dir, "run", "--plugins", modular.toString(), "--blueprint", "fetch", "--input", "lookups.jsonl",
                "--warehouse", "jsonl:out", "--set", "greeting=hi", "--set", "repeat=2");

        assertEquals(0, result.code(), result.toString());
        assertEquals(List.of(
                "{\"sensor\":\"ann\",\"body\":\"hi ann=1\",\"sqlType\":\"BIGINT\"}",
                "{\"sensor\":\"ann\",\"body\":\"hi ann=1\",\"sqlType\":\"BIGINT\"}",
                "{\"sensor\":\"ann\",\"body\":\"hi ann=3\",\"sqlType\":\"BIGINT\"}",
                "{\"sensor\":\"ann\",\"body\":\"hi ann=3\",\"sqlType\":\"BIGINT\"}",
                "{\"sensor\":\"bob\",\"body\":\"hi bob=2\",\"sqlType\":\"BIGINT\"}",
                "{\"sensor\":\"bob\",\"body\":\"hi bob=2\",\"sqlType\":\"BIGINT\"}"), answers());
    }

    @Test
    void aPlainPluginThatUsesJdkModulesRunsFromADirectoryWithAnOptionsFile() throws Exception {
        lookups();
        Files.writeString(dir.resolve("fetch.properties"), "# options of fetch\ngreeting = hey\nrepeat=5\n");
        var result = Cli.run(dir, "run", "--plugins", plainDir.toString(), "--blueprint", "fetch", "--input", "lookups.jsonl",
                "--warehouse", "jsonl:out", "--options", "fetch.properties", "--set", "repeat=1");

        assertEquals(0, result.code(), result.toString());
        assertEquals(List.of(
                "{\"sensor\":\"ann\",\"body\":\"hey ann=1\",\"sqlType\":\"BIGINT\"}",
                "{\"sensor\":\"ann\",\"body\":\"hey ann=3\",\"sqlType\":\"BIGINT\"}",
                "{\"sensor\":\"bob\",\"body\":\"hey bob=2\",\"sqlType\":\"BIGINT\"}"), answers());
    }

    @Test
    void badOptionsAreOneLineNamingTheBlueprintAndTheKey() throws Exception {
        lookups();
        var unknown = Cli.run(dir, "run", "--plugins", modular.toString(), "--blueprint", "fetch", "--input", "lookups.jsonl",
                "--set", "greting=hi");
        var bad = Cli.run(dir, "run", "--plugins", modular.toString(), "--blueprint", "fetch", "--input", "lookups.jsonl",
                "--set", "repeat=twice");
        var malformed = Cli.run(dir, "run", "--plugins", modular.toString(), "--blueprint", "fetch", "--input", "lookups.jsonl",
                "--set", "repeat");
        var none = Cli.run(dir, "run", "--blueprint", "flows", "--input", "lookups.jsonl", "--set", "gap=1m");
        var missingFile = Cli.run(dir, "run", "--blueprint", "flows", "--input", "lookups.jsonl", "--options", "nope.properties");

        assertEquals(new Cli.Result(2, "", "factory: blueprint 'fetch': unknown option 'greting' (known: greeting, repeat)\n"), unknown);
        assertEquals(new Cli.Result(2, "", "factory: blueprint 'fetch': option repeat: 'twice' is not a whole number\n"), bad);
        assertEquals(new Cli.Result(2, "", "factory: --set wants KEY=VALUE, e.g. --set gap=10m, not 'repeat'\n"), malformed);
        assertEquals(new Cli.Result(2, "", "factory: blueprint 'flows': unknown option 'gap' (known: active-timeout, community-id-seed, tcp-linger)\n"), none);
        assertEquals(new Cli.Result(2, "", "factory: options file not found: nope.properties\n"), missingFile);
    }

    @Test
    void pluginsThatAreNeitherADirectoryNorAJarAreNamed() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not a jar");
        var file = Cli.run(dir, "blueprints", "--plugins", "notes.txt");
        var missing = Cli.run(dir, "blueprints", "--plugins", "gone");

        assertEquals(new Cli.Result(2, "", "factory: --plugins takes a directory of plugin jars or one .jar file; notes.txt is neither\n"), file);
        assertEquals(new Cli.Result(2, "", "factory: plugins not found: gone (--plugins takes a directory of plugin jars or one .jar file)\n"),
                missing);
    }

    @Test
    void aModuleInTwoJarsNamesBothJars() throws Exception {
        Path twice = Files.createDirectories(dir.resolve("twice"));
        Files.copy(modular, twice.resolve("a.jar"));
        Files.copy(modular, twice.resolve("b.jar"));
        var result = Cli.run(dir, "blueprints", "--plugins", "twice");

        assertEquals(2, result.code(), result.toString());
        assertEquals("factory: two plugin jars hold module org.example.fetch: " + Path.of("twice", "a.jar") + " and "
                + Path.of("twice", "b.jar") + "; remove one of them\n", result.err());
    }

    @Test
    void withoutTheJdkModulesAtStartUpThePluginIsRefusedNamingThemAndTheOption() throws Exception {
        lookups();
        // a JVM started as a program with a main module resolves only what that module requires:
        // the command's module reads java.sql (its databases) and jdk.httpserver (its web page),
        // but not java.net.http, which the plugin requires too
        var command = Cli.command(List.of(), "blueprints", "--plugins", modular.toString());
        int at = command.indexOf("ALL-DEFAULT");
        command.remove(at);
        command.remove(at - 1);
        var process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));

        assertEquals(2, process.exitValue(), output);
        assertEquals("factory: the plugins need JDK module(s) java.net.http,"
                + " which this JVM was not started with: start it with --add-modules java.net.http"
                + " (for ./factory: FACTORY_JAVA_OPTS='--add-modules java.net.http')\n", output);
        assertFalse(output.contains("Exception"), output);
    }

    @Test
    void blueprintsListsAPluginJarGivenDirectly() throws Exception {
        var result = Cli.run(dir, "blueprints", "--plugins", modular.toString());

        assertEquals(0, result.code(), result.toString());
        assertTrue(result.out().lines().anyMatch(line -> line.matches("fetch +org.example.fetch.Lookup +org.example.fetch.Answer +.*fetch-module.jar")),
                result.toString());
    }
}
