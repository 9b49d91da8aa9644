package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code factory} command in a real JVM, as the launcher does: java with
 * {@code --enable-preview} and a module path of the built classes and runtime dependencies (the
 * build writes {@code target/runtime.modulepath}). Output goes to files, so no pipe fills up.
 */
final class Cli {
    private Cli() {
    }

    /** A finished run: exit code and what it printed. */
    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** A running command. */
    record Running(Process process, Path out, Path err) {
        String errText() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }

        String outText() throws IOException {
            return Files.readString(out, StandardCharsets.UTF_8);
        }

        Result await(Duration timeout) throws IOException, InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("the command did not end within " + timeout + "\n--- stdout\n" + outText() + "--- stderr\n" + errText());
            }
            return new Result(process.exitValue(), outText(), errText());
        }
    }

    static Path buildDirectory() {
        return Path.of(System.getProperty("loom.build.directory", "target")).toAbsolutePath();
    }

    static Path repositoryRoot() {
        return Path.of(System.getProperty("loom.repository.root", "..")).toAbsolutePath().normalize();
    }

    static List<String> command(List<String> jvmOptions, String... args) throws IOException {
        Path build = buildDirectory();
        String modulePath = build.resolve("classes") + File.pathSeparator
                + Files.readString(build.resolve("runtime.modulepath"), StandardCharsets.UTF_8).strip();
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        var command = new ArrayList<String>();
        command.add(java);
        command.add("--enable-preview");
        command.add("--enable-native-access=io.github.loomfactory.flows");
        command.add("-Djdk.virtualThreadScheduler.parallelism=2");
        command.add("--enable-native-access=duckdb.jdbc"); // DuckDB loads its JNI library
        if (jvmOptions.stream().noneMatch(option -> option.matches("-XX:\\+Use\\w+GC"))) {
            command.add("-XX:+UseParallelGC"); // the launcher's collector when FACTORY_JAVA_OPTS names none
        }
        command.addAll(jvmOptions);
        command.add("--add-modules");
        command.add("ALL-DEFAULT");
        command.add("--module-path");
        command.add(modulePath);
        command.add("--module");
        command.add("io.github.loomfactory.cli/io.github.loomfactory.cli.Main");
        command.addAll(List.of(args));
        return command;
    }

    /** Starts {@code factory args} in {@code dir}, with the standard input from {@code stdin} (or nothing). */
    static Running start(Path dir, Path stdin, String... args) throws IOException {
        return start(dir, stdin, List.of(), args);
    }

    /** Starts {@code factory args} in {@code dir} in a JVM with {@code jvmOptions} (e.g. {@code -Xmx128m}). */
    static Running start(Path dir, Path stdin, List<String> jvmOptions, String... args) throws IOException {
        return start(dir, stdin, jvmOptions, java.util.Map.of(), args);
    }

    /** Starts {@code factory args} in {@code dir} with {@code environment} added to this JVM's (e.g. {@code PGPASSWORD}). */
    static Running start(Path dir, Path stdin, List<String> jvmOptions, java.util.Map<String, String> environment, String... args)
            throws IOException {
        Path out = Files.createTempFile(dir, "stdout", ".txt");
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        var builder = new ProcessBuilder(command(jvmOptions, args)).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        } else {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        return new Running(builder.start(), out, err);
    }

    /** Runs {@code factory args} in {@code dir} to its end (at most a minute). */
    static Result run(Path dir, String... args) throws IOException, InterruptedException {
        return start(dir, null, args).await(Duration.ofSeconds(60));
    }
}
