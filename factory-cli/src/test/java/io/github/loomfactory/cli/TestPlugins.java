package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.loomfactory.api.Blueprint;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds small plugin jars for the tests with the JDK's own javac and jar, against the api jar
 * the tests run with: plain jars with {@code META-INF/services}, as a user without modules would
 * write them.
 */
final class TestPlugins {
    private TestPlugins() {
    }

    /** Test blueprints over readings: "strict" (throws on negative values), "sleepy" (slow to retire), "scatter" (pclass from the input). */
    static final Map<String, String> READINGS = Map.of(
            "org/example/plugins/Reading.java", """
                    package org.example.plugins;
                    public record Reading(String sensor, long value) implements io.github.loomfactory.api.Material {
                        public Object pid() { return sensor; }
                    }
                    """,
            "org/example/plugins/Total.java", """
                    package org.example.plugins;
                    public record Total(String sensor, long count, long sum, String bay) implements io.github.loomfactory.api.Product {
                        public String pclass() { return bay; }
                    }
                    """,
            "org/example/plugins/Strict.java", """
                    package org.example.plugins;
                    import io.github.loomfactory.api.*;
                    public class Strict implements Blueprint<Reading, Total> {
                        public String name() { return "strict"; }
                        public Class<Reading> materialType() { return Reading.class; }
                        public Class<Total> productType() { return Total.class; }
                        protected String bay(Reading first) { return "totals"; }
                        protected void retiring() throws InterruptedException { }
                        public Assembly<Reading, Total> newAssembly(Object pid) {
                            return new Assembly<>() {
                                long count, sum;
                                String bay;
                                public void accept(Reading r, Emitter<Total> out) {
                                    if (r.value() < 0) throw new IllegalArgumentException("negative reading " + r.value() + " of " + r.sensor());
                                    if (bay == null) bay = bay(r);
                                    count++; sum += r.value();
                                }
                                public void retire(Retirement why, Emitter<Total> out) throws InterruptedException {
                                    retiring();
                                    if (count > 0) out.emit(new Total((String) pid, count, sum, bay));
                                }
                            };
                        }
                    }
                    """,
            "org/example/plugins/Sleepy.java", """
                    package org.example.plugins;
                    public class Sleepy extends Strict {
                        public String name() { return "sleepy"; }
                        protected void retiring() throws InterruptedException { Thread.sleep(60_000); }
                    }
                    """,
            "org/example/plugins/Scatter.java", """
                    package org.example.plugins;
                    public class Scatter extends Strict {
                        public String name() { return "scatter"; }
                        protected String bay(Reading first) { return first.sensor(); }
                    }
                    """,
            "META-INF/services/io.github.loomfactory.api.Blueprint",
                    "org.example.plugins.Strict\norg.example.plugins.Sleepy\norg.example.plugins.Scatter\n");

    /** A second "flows" blueprint, to clash with the built-in one. */
    static final Map<String, String> IMPOSTOR = Map.of(
            "org/example/impostor/Flows.java", """
                    package org.example.impostor;
                    public class Flows extends org.example.plugins.Strict {
                        public String name() { return "flows"; }
                    }
                    """,
            "META-INF/services/io.github.loomfactory.api.Blueprint", "org.example.impostor.Flows\n");

    /** Builds {@code dir/name.jar} from {@code files} (Java sources are compiled, other files copied). */
    static Path jar(Path work, Path dir, String name, Map<String, String> files, Path... classPath)
            throws IOException, InterruptedException {
        Path src = Files.createDirectories(work.resolve(name + "-src"));
        Path classes = Files.createDirectories(work.resolve(name + "-classes"));
        var sources = new ArrayList<String>();
        for (var file : files.entrySet()) {
            Path target = (file.getKey().endsWith(".java") ? src : classes).resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.getValue(), StandardCharsets.UTF_8);
            if (file.getKey().endsWith(".java")) {
                sources.add(target.toString());
            }
        }
        var path = new ArrayList<String>();
        path.add(apiJar().toString());
        for (Path entry : classPath) {
            path.add(entry.toString());
        }
        var javac = new ArrayList<>(List.of(tool("javac"), "-d", classes.toString(), "-cp", String.join(java.io.File.pathSeparator, path)));
        javac.addAll(sources);
        exec(work, javac);
        Files.createDirectories(dir);
        Path jar = dir.resolve(name + ".jar");
        exec(work, List.of(tool("jar"), "--create", "--file", jar.toString(), "-C", classes.toString(), "."));
        return jar;
    }

    /** The api module as the tests run with it: its jar, or its classes directory. */
    static Path apiJar() {
        try {
            return Path.of(Blueprint.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    private static void exec(Path dir, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "tool", ".log");
        var process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + Files.readString(log));
    }
}
