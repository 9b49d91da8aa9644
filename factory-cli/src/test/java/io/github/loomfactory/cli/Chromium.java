package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's headless Chromium, driven through its DevTools protocol over a pipe
 * ({@code --remote-debugging-pipe}: JSON messages ended by a NUL byte on file descriptors 3 and 4,
 * which a shell joins to two named pipes): no port, no driver, no download. One page, attached
 * in flat mode, so every command names its session.
 */
final class Chromium implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Duration CALL = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final OutputStream commands;
    private final Thread reader;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new ArrayList<>();
    private String session;

    private Chromium(Process process, OutputStream commands, InputStream replies) {
        this.process = process;
        this.commands = commands;
        this.reader = Thread.ofPlatform().daemon().name("chromium-devtools").start(() -> read(replies));
    }

    /** Starts Chromium with a fresh profile under {@code dir} and opens a blank page of {@code width} x {@code height}. */
    static Chromium start(Path dir, int width, int height) throws Exception {
        if (!Files.isExecutable(BINARY)) {
            fail(BINARY + " is missing: install Debian's chromium (./test does when run as root)");
        }
        Path in = dir.resolve("devtools-in");
        Path out = dir.resolve("devtools-out");
        Path profile = Files.createDirectories(dir.resolve("profile"));
        var mkfifo = new ProcessBuilder("mkfifo", in.toString(), out.toString()).inheritIO().start();
        if (!mkfifo.waitFor(10, TimeUnit.SECONDS) || mkfifo.exitValue() != 0) {
            fail("mkfifo failed");
        }
        var command = List.of("bash", "-c", "exec \"$0\" \"${@:3}\" 3<\"$1\" 4>\"$2\"", BINARY.toString(), in.toString(), out.toString(),
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--window-size=" + width + "," + height, "--remote-debugging-pipe", "about:blank");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromium.log").toFile()).start();
        // the shell opens fd 3 (reading "in") and then fd 4 (writing "out"): open the other ends in that order
        OutputStream commands = Files.newOutputStream(in);
        InputStream replies = Files.newInputStream(out);
        var chromium = new Chromium(process, commands, replies);
        chromium.attach(width, height);
        return chromium;
    }

    private void attach(int width, int height) throws Exception {
        String target = call(null, "Target.createTarget", params().put("url", "about:blank")).get("targetId").asText();
        session = call(null, "Target.attachToTarget", params().put("targetId", target).put("flatten", true)).get("sessionId").asText();
        call("Runtime.enable", params());
        call("Log.enable", params());
        call("Page.enable", params());
        call("Emulation.setDeviceMetricsOverride", params().put("width", width).put("height", height)
                .put("deviceScaleFactor", 1).put("mobile", false));
    }

    static ObjectNode params() {
        return JSON.createObjectNode();
    }

    /** Calls {@code method} on the page and returns its result. */
    JsonNode call(String method, ObjectNode params) throws Exception {
        return call(session, method, params);
    }

    /** Evaluates {@code expression} in the page and returns its value (made JSON by the page). */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", params().put("expression", expression).put("returnByValue", true));
        if (result.has("exceptionDetails")) {
            fail("the page threw evaluating " + expression + ": " + result.get("exceptionDetails"));
        }
        return result.get("result").get("value");
    }

    /** Saves a PNG of the page's viewport. */
    void screenshot(Path file) throws Exception {
        JsonNode shot = call("Page.captureScreenshot", params().put("format", "png"));
        Files.write(file, java.util.Base64.getDecoder().decode(shot.get("data").asText()));
    }

    /** The events the page sent so far (console calls, exceptions, log entries...). */
    List<JsonNode> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    private JsonNode call(String sessionId, String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        var reply = new CompletableFuture<JsonNode>();
        pending.put(id, reply);
        synchronized (commands) {
            commands.write(JSON.writeValueAsBytes(message));
            commands.write(0);
            commands.flush();
        }
        JsonNode answer;
        try {
            answer = reply.get(CALL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("chromium did not answer " + method + " within " + CALL);
        } catch (ExecutionException e) {
            throw new AssertionError("chromium's pipe failed during " + method + ": " + e.getCause(), e.getCause());
        } finally {
            pending.remove(id);
        }
        if (answer.has("error")) {
            throw new AssertionError(method + " failed: " + answer.get("error"));
        }
        return answer.get("result");
    }

    private void read(InputStream replies) {
        var message = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        try (replies) {
            int n;
            while ((n = replies.read(buffer)) >= 0) {
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == 0) {
                        message.write(buffer, start, i - start);
                        dispatch(JSON.readTree(message.toString(StandardCharsets.UTF_8)));
                        message.reset();
                        start = i + 1;
                    }
                }
                message.write(buffer, start, n - start);
            }
        } catch (IOException e) {
            pending.values().forEach(reply -> reply.completeExceptionally(e));
        }
        pending.values().forEach(reply -> reply.completeExceptionally(new IOException("chromium closed its pipe")));
    }

    private void dispatch(JsonNode message) {
        if (message.has("id")) {
            var reply = pending.get(message.get("id").asInt());
            if (reply != null) {
                reply.complete(message);
            }
        } else {
            synchronized (events) {
                events.add(message);
            }
        }
    }

    @Override
    public void close() throws IOException {
        boolean interrupted = false;
        try {
            if (process.isAlive()) {
                call(null, "Browser.close", params());
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } catch (Exception | AssertionError closing) {
            // it is going anyway
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            interrupted = true;
            process.destroyForcibly();
        }
        synchronized (commands) {
            commands.close();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
