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

    /**
     * Test blueprints over readings: "strict" (throws on negative values), "sleepy" (slow to
     * retire), "scatter" (pclass from the input), "books" (each reading at once to the "ledger"
     * and the "summary" bay).
     */
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
            "org/example/plugins/Books.java", """
                    package org.example.plugins;
                    import io.github.loomfactory.api.*;
                    public class Books implements Blueprint<Reading, Total> {
                        public String name() { return "books"; }
                        public Class<Reading> materialType() { return Reading.class; }
                        public Class<Total> productType() { return Total.class; }
                        public Assembly<Reading, Total> newAssembly(Object pid) {
                            return (r, out) -> {
                                out.emit(new Total(r.sensor(), 1, r.value(), "ledger"));
                                out.emit(new Total(r.sensor(), 1, r.value(), "summary"));
                            };
                        }
                    }
                    """,
            "META-INF/services/io.github.loomfactory.api.Blueprint",
                    "org.example.plugins.Strict\norg.example.plugins.Sleepy\norg.example.plugins.Scatter\norg.example.plugins.Books\n");

    /** A second "flows" blueprint, to clash with the built-in one. */
    static final Map<String, String> IMPOSTOR = Map.of(
            "org/example/impostor/Flows.java", """
                    package org.example.impostor;
                    public class Flows extends org.example.plugins.Strict {
                        public String name() { return "flows"; }
                    }
                    """,
            "META-INF/services/io.github.loomfactory.api.Blueprint", "org.example.impostor.Flows\n");

    /**
     * Sources of the "fetch" blueprint, which uses three JDK modules beyond java.base, as blocking
     * lookups do: {@code configure} starts an HTTP server on a free loopback port (jdk.httpserver)
     * that answers {@code GREETING QUERY}; each material is looked up over HTTP with
     * {@code java.net.http}, and its value's SQL type name comes from {@code java.sql}. Options:
     * {@code greeting} (default "hello"), {@code repeat} (an int, default 1). In package
     * {@code pkg}, so that a modular and a plain copy can differ.
     */
    static Map<String, String> fetch(String pkg) {
        return Map.of(
                pkg.replace('.', '/') + "/Lookup.java", """
                        package PKG;
                        public record Lookup(String sensor, long value) implements io.github.loomfactory.api.Material {
                            public Object pid() { return sensor; }
                        }
                        """.replace("PKG", pkg),
                pkg.replace('.', '/') + "/Answer.java", """
                        package PKG;
                        public record Answer(String sensor, String body, String sqlType) implements io.github.loomfactory.api.Product {
                            public String pclass() { return "answers"; }
                        }
                        """.replace("PKG", pkg),
                pkg.replace('.', '/') + "/Fetch.java", """
                        package PKG;
                        import com.sun.net.httpserver.HttpServer;
                        import io.github.loomfactory.api.*;
                        import java.io.IOException;
                        import java.net.InetAddress;
                        import java.net.InetSocketAddress;
                        import java.net.URI;
                        import java.net.http.HttpClient;
                        import java.net.http.HttpRequest;
                        import java.net.http.HttpResponse;
                        import java.nio.charset.StandardCharsets;
                        import java.sql.JDBCType;
                        import java.sql.Types;
                        public final class Fetch implements Blueprint<Lookup, Answer> {
                            private final URI server;
                            private final int repeat;
                            private final HttpClient client = HttpClient.newHttpClient();
                            public Fetch() { this(null, 1); }
                            private Fetch(URI server, int repeat) { this.server = server; this.repeat = repeat; }
                            public String name() { return "fetch"; }
                            public Class<Lookup> materialType() { return Lookup.class; }
                            public Class<Answer> productType() { return Answer.class; }
                            public Blueprint<Lookup, Answer> configure(Options options) {
                                options.requireKnown("greeting", "repeat");
                                String greeting = options.text("greeting", "hello");
                                int repeat = options.integer("repeat", 1);
                                try {
                                    var http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                                    http.createContext("/", exchange -> {
                                        byte[] body = (greeting + " " + exchange.getRequestURI().getQuery()).getBytes(StandardCharsets.UTF_8);
                                        exchange.sendResponseHeaders(200, body.length);
                                        try (var out = exchange.getResponseBody()) { out.write(body); }
                                    });
                                    http.start();
                                    return new Fetch(URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/"), repeat);
                                } catch (IOException e) {
                                    throw new IllegalStateException(e);
                                }
                            }
                            public Assembly<Lookup, Answer> newAssembly(Object pid) {
                                return (lookup, out) -> {
                                    var request = HttpRequest.newBuilder(server.resolve("?" + lookup.sensor() + "=" + lookup.value())).build();
                                    String body = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
                                    for (int i = 0; i < repeat; i++) {
                                        out.emit(new Answer(lookup.sensor(), body, JDBCType.valueOf(Types.BIGINT).getName()));
                                    }
                                };
                            }
                        }
                        """.replace("PKG", pkg),
                "META-INF/services/io.github.loomfactory.api.Blueprint", pkg + ".Fetch\n");
    }

    /** A module-info for {@link #fetch}'s sources in {@code pkg}, as module {@code name}. */
    static String fetchModule(String name, String pkg) {
        return """
                module NAME {
                    requires io.github.loomfactory.api;
                    requires java.net.http;
                    requires java.sql;
                    requires jdk.httpserver;
                    provides io.github.loomfactory.api.Blueprint with PKG.Fetch;
                }
                """.replace("NAME", name).replace("PKG", pkg);
    }

    /** Builds the modular {@code dir/name.jar} from {@code files} and a {@code module-info.java} holding {@code moduleInfo}. */
    static Path modularJar(Path work, Path dir, String name, Map<String, String> files, String moduleInfo)
            throws IOException, InterruptedException {
        var all = new java.util.HashMap<>(files);
        all.put("module-info.java", moduleInfo);
        return build(work, dir, name, all, List.of("--module-path", apiJar().toString()));
    }

    /** Builds {@code dir/name.jar} from {@code files} (Java sources are compiled, other files copied). */
    static Path jar(Path work, Path dir, String name, Map<String, String> files, Path... classPath)
            throws IOException, InterruptedException {
        var path = new ArrayList<String>();
        path.add(apiJar().toString());
        for (Path entry : classPath) {
            path.add(entry.toString());
        }
        return build(work, dir, name, files, List.of("-cp", String.join(java.io.File.pathSeparator, path)));
    }

    private static Path build(Path work, Path dir, String name, Map<String, String> files, List<String> javacPath)
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
        var javac = new ArrayList<>(List.of(tool("javac"), "-d", classes.toString()));
        javac.addAll(javacPath);
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
