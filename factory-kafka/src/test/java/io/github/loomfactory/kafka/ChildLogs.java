package io.github.loomfactory.kafka;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** Prints the logs of the children a failed test started, so that a failure in CI shows how each child saw its run. */
final class ChildLogs implements BeforeEachCallback, TestWatcher {
    private final Path dir;
    private volatile FileTime started = FileTime.fromMillis(0);

    ChildLogs(Path dir) {
        this.dir = dir;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        started = FileTime.fromMillis(System.currentTimeMillis() - 1_000);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        try (Stream<Path> logs = Files.list(dir)) {
            for (Path log : logs.filter(this::writtenDuringTheTest).sorted().toList()) {
                System.out.println("---- " + log.getFileName() + " (a child of the failed " + context.getDisplayName() + ")");
                Files.readAllLines(log).stream().filter(line -> !line.startsWith("WARNING: ")).forEach(System.out::println);
            }
        } catch (IOException e) {
            System.out.println("the children's logs in " + dir + " could not be read: " + e);
        }
    }

    private boolean writtenDuringTheTest(Path log) {
        try {
            return log.toString().endsWith(".log") && Files.getLastModifiedTime(log).compareTo(started) >= 0;
        } catch (IOException e) {
            return false;
        }
    }
}
