package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.core.Factory;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java code blocks of the README are real: each class is compiled with javac against
 * the built api and core (and SLF4J), a program among them is run, and each module declaration
 * is compiled against the same modules.
 */
class ReadmeSnippetsTest {
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
    private static final Pattern PUBLIC_CLASS = Pattern.compile("public (?:final )?(?:class|record|interface) (\\w+)");

    @TempDir
    Path dir;

    private static List<String> javaBlocks(Path markdown) throws IOException {
        var blocks = new ArrayList<String>();
        Matcher matcher = JAVA_BLOCK.matcher(Files.readString(markdown, StandardCharsets.UTF_8));
        while (matcher.find()) {
            blocks.add(matcher.group(1));
        }
        return blocks;
    }

    private static String jar(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String PATH = String.join(File.pathSeparator, jar(Blueprint.class), jar(Factory.class),
            jar(org.slf4j.LoggerFactory.class));

    /** Compiles with the JDK's javac (a child process: the command's module does not read java.compiler). */
    private static void compile(List<String> options, Path source) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "javac").toString());
        command.addAll(options);
        command.add(source.toString());
        var javac = new ProcessBuilder(command).redirectErrorStream(true).start();
        String errors = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(javac.waitFor(2, TimeUnit.MINUTES), errors);
        assertEquals(0, javac.exitValue(), "the README's " + source.getFileName() + " does not compile:\n" + errors);
    }

    @Test
    void theRootReadmesJavaBlocksCompileAndTheProgramRuns() throws Exception {
        List<String> blocks = javaBlocks(Cli.repositoryRoot().resolve("README.md"));
        assertFalse(blocks.isEmpty(), "the README shows code");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        String program = null;
        int modules = 0;
        for (String block : blocks) {
            if (block.startsWith("module ")) {
                Path module = Files.createDirectories(dir.resolve("module" + modules++));
                Path source = Files.writeString(module.resolve("module-info.java"), block);
                compile(List.of("--release", "25", "-Xlint:all", "-Werror", "--module-path", PATH, "-d",
                        module.resolve("out").toString()), source);
                continue;
            }
            Matcher name = PUBLIC_CLASS.matcher(block);
            assertTrue(name.find(), "a README block that is neither a module nor a public class:\n" + block);
            Path source = Files.writeString(dir.resolve(name.group(1) + ".java"), block);
            compile(List.of("--release", "25", "--enable-preview", "-Xlint:all,-preview", "-Werror", "-classpath", PATH,
                    "-d", classes.toString()), source);
            if (block.contains("public static void main(String[] args)")) {
                program = name.group(1);
            }
        }
        assertEquals(1, modules, "the README shows the module declaration");
        assertTrue(program != null, "the README shows a program");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var run = new ProcessBuilder(java, "--enable-preview", "-cp", classes + File.pathSeparator + PATH, program)
                .redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(0, run.exitValue(), output);
        List<String> totals = output.lines().filter(line -> line.startsWith("Total[")).sorted().toList();
        assertEquals(List.of("Total[sensor=a, count=2, sum=4]", "Total[sensor=b, count=1, sum=2]"), totals, output);
    }
}
