package io.github.loomfactory.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.loomfactory.core.Rejection;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The reject file, {@code rejects.jsonl} in the warehouse directory: one JSON object per bad
 * input record (source, line or record number, reason, raw text) and per material the blueprint
 * rejected (source, pid, reason, the material). The first few bad input records are also reported
 * on the error stream (the engine logs the materials it rejects). Thread-safe: dead letters arrive on worker threads.
 */
final class Rejects implements AutoCloseable {
    /** The file name, reserved in every warehouse directory. */
    static final String FILE_NAME = "rejects.jsonl";
    private static final int REPORTED = 10;

    private final Path file;
    private final PrintStream report;
    private final long limit;
    private final AtomicLong count = new AtomicLong();
    private long reported;
    private BufferedWriter out;
    private boolean closed;

    /** Prepares {@code dir/rejects.jsonl}, removing one left by an earlier run; the file is created on the first reject. */
    Rejects(Path dir, PrintStream report) throws IOException {
        this(dir, report, 0);
    }

    /**
     * Prepares {@code dir/rejects.jsonl} with a limit: the input record that makes the count
     * exceed {@code limit} is recorded, then {@link LimitExceeded} stops the source that read it.
     *
     * @param limit the most rejects the run accepts; 0 for no limit
     */
    Rejects(Path dir, PrintStream report, long limit) throws IOException {
        this.file = dir.resolve(FILE_NAME);
        this.report = report;
        this.limit = limit;
        Files.deleteIfExists(file);
    }

    /** Thrown out of a source by the input reject that makes the count exceed the limit. */
    static final class LimitExceeded extends RuntimeException {
        @java.io.Serial
        private static final long serialVersionUID = 1L;

        LimitExceeded(long count, long limit) {
            super("stopped after " + count + " rejects (more than --max-rejects " + limit + ")", null, false, false);
        }
    }

    Path file() {
        return file;
    }

    long count() {
        return count.get();
    }

    /**
     * Records an input record that did not decode.
     *
     * @throws LimitExceeded if this reject makes the count exceed the limit (it is recorded first)
     */
    void input(String source, String unit, long number, String reason, String raw) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("source", source);
        node.put(unit, number);
        node.put("reason", reason);
        if (raw != null) {
            node.put("raw", raw);
        }
        long count = write(node, source + " " + unit + " " + number + ": " + reason);
        if (limit > 0 && count > limit) {
            throw new LimitExceeded(count, limit);
        }
    }

    /**
     * Records a material the blueprint threw on (source {@code blueprint NAME}), or one the
     * factory handed back unprocessed because it failed first (source {@code factory}, the reason
     * says why): the dead letters of the engine.
     */
    void deadLetter(String blueprint, Rejection<?> rejection) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("source", rejection.processed() ? "blueprint " + blueprint : "factory");
        node.put("pid", String.valueOf(rejection.pid()));
        // an unprocessed material's cause is the engine's own note, whose message says it all
        String reason = Json.oneLine(rejection.processed() ? String.valueOf(rejection.cause()) : rejection.cause().getMessage());
        node.put("reason", reason);
        rejection.material().ifPresent(material -> {
            try {
                node.set("material", Json.MAPPER.valueToTree(material));
            } catch (IllegalArgumentException e) {
                node.put("material", String.valueOf(material));
            }
        });
        write(node, null); // the engine logs it
    }

    private long write(ObjectNode node, String summary) {
        long counted = count.incrementAndGet();
        synchronized (this) {
            if (summary != null && reported < REPORTED) {
                report.println("factory: reject: " + summary);
                if (++reported == REPORTED) {
                    report.println("factory: further rejects go to " + file + " only");
                }
            }
            if (closed) {
                report.println("factory: reject after the reject file was closed: " + node);
                return counted;
            }
            try {
                if (out == null) {
                    out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                }
                out.write(Json.MAPPER.writeValueAsString(node));
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
        return counted;
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (out != null) {
            out.close();
        }
    }
}
