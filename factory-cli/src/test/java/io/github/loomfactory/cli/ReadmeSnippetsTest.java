package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The Java code blocks of the READMEs are real. For each README in {@link #READMES}: its class blocks are
 * compiled together with javac against the modules a reader of that README has (and, where the README says so,
 * the {@code Totals} blueprint of {@code Blueprint}'s Javadoc); a program among them is run, the JUnit tests among
 * them are run, and each module declaration is compiled against the same modules on the module path.
 */
class ReadmeSnippetsTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile(
            "^(?:public )?(?:final )?(?:class|record|interface|enum) (\\w+)", Pattern.MULTILINE);
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);

    /** What a reader of each module's README has on the path. */
    private static final List<String> API = jars("io.github.loomfactory.api.Blueprint");
    private static final List<String> CORE = plus(API, jars("io.github.loomfactory.core.Factory", "org.slf4j.LoggerFactory"));
    private static final List<String> JDBC = plus(CORE, jars("io.github.loomfactory.jdbc.PostgresWarehouse",
            "org.postgresql.Driver", "org.duckdb.DuckDBDriver"));
    private static final List<String> FLOWS = plus(CORE, jars("io.github.loomfactory.flows.FlowsBlueprint"));
    private static final List<String> KAFKA = plus(CORE, jars("io.github.loomfactory.kafka.KafkaSource",
            "org.apache.kafka.clients.consumer.KafkaConsumer"));
    /** JUnit 5, for a README that shows a test. */
    private static final List<String> JUNIT = jars("org.junit.jupiter.api.Test", "org.opentest4j.AssertionFailedError",
            "org.apiguardian.api.API");

    /** The blueprint of {@code Blueprint}'s Javadoc, the region its {@code {@snippet}} shows. */
    private static final Path BLUEPRINT = Path.of("factory-api/src/test/java/io/github/loomfactory/api/BlueprintSnippetTest.java");

    /** Every README whose code is checked: adding one is adding a line. */
    static final List<Readme> READMES = List.of(new Readme[] {
        new Readme("README.md", CORE).prints("Total[", "Total[sensor=a, count=2, sum=4]", "Total[sensor=b, count=1, sum=2]"),
        new Readme("factory-api/README.md", API),
        new Readme("factory-core/README.md", plus(CORE, JUNIT)).withBlueprint(),
        new Readme("factory-jdbc/README.md", JDBC).withBlueprint(),
        new Readme("factory-cli/README.md", plus(CORE, JUNIT)).withSources("examples/sessions/src/main/java"),
        new Readme("factory-bench/README.md", CORE),
        new Readme("factory-bom/README.md", CORE),
        new Readme("examples/sessions/README.md", API),
        new Readme("factory-flows/README.md", FLOWS),
        new Readme("factory-kafka/README.md", KAFKA),
    });

    @TempDir
    Path dir;

    /**
     * One README: where it is, what its reader has on the path, whether its code uses the Javadoc's blueprint,
     * the sources its code is compiled with (a source tree of the repository, e.g. the example plugin, also
     * compiled with the module declarations it shows), and what its program must print (the lines that start
     * with {@code prefix}, sorted).
     */
    record Readme(String file, List<String> path, boolean blueprint, String sources, String prefix, List<String> lines) {
        Readme(String file, List<String> path) {
            this(file, path, false, null, null, List.of());
        }

        Readme withBlueprint() {
            return new Readme(file, path, true, sources, prefix, lines);
        }

        Readme withSources(String tree) {
            return new Readme(file, path, blueprint, tree, prefix, lines);
        }

        Readme prints(String linePrefix, String... expected) {
            return new Readme(file, path, blueprint, sources, linePrefix, List.of(expected));
        }

        @Override
        public String toString() {
            return file;
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("READMES")
    void theJavaBlocksCompileAndTheirProgramsAndTestsRun(Readme readme) throws Throwable {
        List<String> blocks = javaBlocks(Cli.repositoryRoot().resolve(readme.file()));
        Path sources = Files.createDirectories(dir.resolve("sources"));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<Path> given = given(readme);
        var units = new ArrayList<Path>(given);
        var programs = new ArrayList<String>();
        var types = new ArrayList<String>();
        int modules = 0;
        for (String block : blocks) {
            if (block.startsWith("module ")) {
                Path module = Files.createDirectories(dir.resolve("module" + modules++));
                Path source = Files.writeString(module.resolve("module-info.java"), block);
                var moduleSources = new ArrayList<Path>(given);
                moduleSources.add(source);
                compile(readme, List.of("--release", "25", "-Xlint:all", "-Werror", "--module-path", path(readme.path()),
                        "-d", module.resolve("out").toString()), moduleSources);
                continue;
            }
            Matcher name = TYPE.matcher(block);
            assertTrue(name.find(), readme + ": a block that is neither a module nor a type:\n" + block);
            Matcher pkg = PACKAGE.matcher(block);
            String type = (pkg.find() ? pkg.group(1) + "." : "") + name.group(1);
            units.add(Files.writeString(sources.resolve(name.group(1) + ".java"), block));
            types.add(type);
            if (block.contains("public static void main(String[] args)")) {
                programs.add(type);
            }
        }
        if (readme.blueprint()) {
            units.addAll(blueprint(Files.createDirectories(dir.resolve("blueprint"))));
        }
        if (!units.isEmpty()) {
            compile(readme, List.of("--release", "25", "--enable-preview", "-Xlint:all,-preview", "-Werror", "-classpath",
                    path(readme.path()), "-d", classes.toString()), units);
        }
        assertTrue(programs.size() <= 1, readme + " shows one program at most: " + programs);
        for (String program : programs) {
            String output = run(readme, classes, program);
            if (readme.prefix() != null) {
                assertEquals(readme.lines(), output.lines().filter(line -> line.startsWith(readme.prefix())).sorted().toList(),
                        output);
            }
        }
        assertTrue(readme.prefix() == null || !programs.isEmpty(), readme + " shows a program");
        int tests = 0;
        for (String type : types) {
            tests += runTests(classes, type);
        }
        boolean showsTests = blocks.stream().anyMatch(block -> block.contains("@Test"));
        assertEquals(showsTests, tests > 0, readme + ": the tests it shows ran");
    }

    @Test
    void theRootReadmeShowsTheModuleDeclarationAndAProgram() throws IOException {
        List<String> blocks = javaBlocks(Cli.repositoryRoot().resolve("README.md"));
        assertEquals(1, blocks.stream().filter(block -> block.startsWith("module ")).count(), "the module declaration");
        assertEquals(1, blocks.stream().filter(block -> block.contains("public static void main(String[] args)")).count(),
                "a program");
    }

    @Test
    void everyReadmeInTheRepositoryIsChecked() throws IOException {
        Path root = Cli.repositoryRoot();
        Set<String> listed = new TreeSet<>();
        READMES.forEach(readme -> listed.add(readme.file()));
        try (Stream<Path> files = Files.walk(root)) {
            List<String> unchecked = files.filter(file -> file.getFileName().toString().equals("README.md"))
                    .map(file -> root.relativize(file).toString().replace(File.separatorChar, '/'))
                    .filter(file -> !file.contains("target/") && !file.startsWith(".") && !file.contains("/."))
                    .filter(file -> !listed.contains(file)).sorted().toList();
            assertEquals(List.of(), unchecked, "add them to READMES");
        }
    }

    private static List<String> javaBlocks(Path markdown) throws IOException {
        var blocks = new ArrayList<String>();
        Matcher matcher = JAVA_BLOCK.matcher(Files.readString(markdown, StandardCharsets.UTF_8));
        while (matcher.find()) {
            blocks.add(matcher.group(1).stripIndent()); // a block in a list item is indented
        }
        return blocks;
    }

    /** The {@code blueprint} region of {@code Blueprint}'s snippet source, a file per type as a user has it. */
    private static List<Path> blueprint(Path into) throws IOException {
        String source = Files.readString(Cli.repositoryRoot().resolve(BLUEPRINT), StandardCharsets.UTF_8);
        int start = source.indexOf('\n', source.indexOf("// @start region=\"blueprint\"")) + 1;
        int end = source.indexOf("// @end", start);
        assertTrue(start > 0 && end > start, "the blueprint region of " + BLUEPRINT);
        String region = source.substring(start, end).stripIndent();
        var files = new ArrayList<Path>();
        Matcher type = TYPE.matcher(region);
        List<Integer> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (type.find()) {
            starts.add(type.start());
            names.add(type.group(1));
        }
        starts.add(region.length());
        for (int i = 0; i < names.size(); i++) {
            files.add(Files.writeString(into.resolve(names.get(i) + ".java"),
                    "import io.github.loomfactory.api.*;\n\n" + region.substring(starts.get(i), starts.get(i + 1))));
        }
        return files;
    }

    /** The sources of the README's source tree, but its module declaration (the README shows its own). */
    private static List<Path> given(Readme readme) throws IOException {
        if (readme.sources() == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(Cli.repositoryRoot().resolve(readme.sources()))) {
            return files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> !file.getFileName().toString().equals("module-info.java")).sorted().toList();
        }
    }

    /** The jar (or classes directory) of each class, which the tests' own path holds. */
    private static List<String> jars(String... classNames) {
        var jars = new ArrayList<String>();
        for (String className : classNames) {
            try {
                Class<?> type = Class.forName(className, false, ReadmeSnippetsTest.class.getClassLoader());
                jars.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (ClassNotFoundException | URISyntaxException e) {
                throw new IllegalStateException("not on the tests' path: " + className, e);
            }
        }
        return List.copyOf(jars);
    }

    private static List<String> plus(List<String> path, List<String> more) {
        return Stream.concat(path.stream(), more.stream()).distinct().toList();
    }

    private static String path(List<String> path) {
        return String.join(File.pathSeparator, path);
    }

    /** Compiles with the JDK's javac (a child process: the command's module does not read java.compiler). */
    private static void compile(Readme readme, List<String> options, List<Path> sources) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "javac").toString());
        command.addAll(options);
        sources.forEach(source -> command.add(source.toString()));
        var javac = new ProcessBuilder(command).redirectErrorStream(true).start();
        String errors = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(javac.waitFor(2, TimeUnit.MINUTES), errors);
        assertEquals(0, javac.exitValue(), readme + "'s code does not compile:\n" + errors);
    }

    /** Runs the README's program in a JVM of its own, in a scratch directory, and returns what it printed. */
    private String run(Readme readme, Path classes, String program) throws IOException, InterruptedException {
        Path work = Files.createDirectories(dir.resolve("work"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var run = new ProcessBuilder(java, "--enable-preview", "--enable-native-access=ALL-UNNAMED", "-cp",
                classes + File.pathSeparator + path(readme.path()), program).directory(work.toFile())
                .redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, run.exitValue(), readme + "'s program failed:\n" + output);
        return output;
    }

    /**
     * Runs each JUnit {@code @Test} method of a README's class (a test a README shows is a plain one: no
     * extensions, no lifecycle methods) and returns how many ran.
     */
    private static int runTests(Path classes, String type) throws Throwable {
        int ran = 0;
        try (var loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ReadmeSnippetsTest.class.getClassLoader())) {
            Class<?> tests = Class.forName(type, false, loader);
            for (Method method : tests.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Test.class)) {
                    var constructor = tests.getDeclaredConstructor();
                    constructor.setAccessible(true);
                    method.setAccessible(true);
                    try {
                        method.invoke(constructor.newInstance());
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    ran++;
                }
            }
        }
        return ran;
    }
}
