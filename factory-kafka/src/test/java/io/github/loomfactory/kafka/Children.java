package io.github.loomfactory.kafka;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts {@link FactoryProcess} child JVMs (the JDK 25 of the tests, on a plain class path) and kills them by their PID. */
final class Children implements AutoCloseable {
    private final List<Process> started = new ArrayList<>();
    private final Path logs;

    Children(Path logs) {
        this.logs = logs;
    }

    Process start(String name, String... args) throws IOException {
        var entries = new LinkedHashSet<String>();
        Path build = Path.of(System.getProperty("loom.build.directory", "target"));
        entries.add(build.resolve("test-classes").toString());
        entries.add(build.resolve("classes").toString());
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property, "");
            for (String entry : value.split(File.pathSeparator)) {
                if (!entry.isBlank() && !entry.contains("surefire")) {
                    entries.add(entry);
                }
            }
        }
        var command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "--enable-preview",
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", String.join(File.pathSeparator, entries), FactoryProcess.class.getName()));
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logs.resolve(name + ".log").toFile())).start();
        started.add(process);
        return process;
    }

    /** SIGKILL: the process gets no chance to drain or commit. */
    static void kill9(Process process) throws InterruptedException {
        process.toHandle().destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("child " + process.pid() + " did not die of SIGKILL in 30 s");
        }
    }

    static void awaitExit(Process process, long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("child " + process.pid() + " did not finish in " + seconds + " s");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("child " + process.pid() + " exited with " + process.exitValue());
        }
    }

    @Override
    public void close() {
        for (Process process : started) {
            process.toHandle().destroyForcibly();
        }
    }
}
