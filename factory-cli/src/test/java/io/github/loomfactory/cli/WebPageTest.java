package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page as a person sees it: {@code factory demo --http 127.0.0.1:0} in its own JVM,
 * the page opened in headless Chromium until its plots show data that changes, a screenshot
 * saved as {@code target/web-page.png}, and not one JavaScript error or failed load on the way.
 * Stopping the run (SIGTERM) stops the server.
 */
@Timeout(300)
class WebPageTest {
    private static final Pattern SERVING = Pattern.compile("serving (http://127\\.0\\.0\\.1:(\\d+)/) ");
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    private static final String PROBE = """
            JSON.stringify({
              samples: window.loomFactory ? loomFactory.samples.length : 0,
              errors: window.loomFactory ? loomFactory.errors : [],
              purchased: document.getElementById("t-purchased") ? document.getElementById("t-purchased").textContent : "",
              state: document.getElementById("state") ? document.getElementById("state").textContent : "",
              charts: window.loomFactory ? loomFactory.charts.map(c => ({id: c.id, points: c.points, hidden: c.card.hidden})) : []
            })""";

    @TempDir
    Path dir;

    @Test
    void thePagePlotsTheRunLiveWithoutAJavaScriptError() throws Exception {
        var demo = Cli.start(dir, null, "demo", "--http", "127.0.0.1:0", "--seconds", "600", "--rate", "20000",
                "--warehouse", "jsonl:" + dir.resolve("out"));
        URI page = null;
        try {
            page = awaitServing(demo);
            JsonNode last;
            try (var chromium = Chromium.start(Files.createDirectories(dir.resolve("chromium")), 1400, 1220)) {
                chromium.call("Page.navigate", Chromium.params().put("url", page.toString()));
                Set<String> purchasedShown = new HashSet<>();
                long deadline = System.nanoTime() + DEADLINE.toNanos();
                while (true) {
                    last = new com.fasterxml.jackson.databind.ObjectMapper().readTree(chromium.evaluate(PROBE).asText());
                    purchasedShown.add(last.get("purchased").asText());
                    if (last.get("samples").asInt() >= 5 && points(last, "throughput") >= 5 && points(last, "roster") >= 5
                            && purchasedShown.size() >= 3) {
                        break;
                    }
                    if (System.nanoTime() - deadline > 0) {
                        fail("the page showed no changing data within " + DEADLINE + ": " + last + "\n" + demo.errText());
                    }
                    Thread.sleep(200);
                }
                chromium.screenshot(Cli.buildDirectory().resolve("web-page.png"));
                assertEquals("live", last.get("state").asText());
                for (String chart : List.of("throughput", "backlog", "roster", "lifecycle", "rejects", "latency", "eventtime")) {
                    assertFalse(hidden(last, chart), chart + " is shown");
                }
                assertTrue(hidden(last, "kafka"), "no source lag without a durable source");
                assertTrue(points(last, "eventtime") >= 5, "the demo runs on event time: " + last);
                assertEquals(0, last.get("errors").size(), "window.onerror saw: " + last.get("errors"));
                assertEquals(List.of(), problems(chromium.events()), "the page's console and log");
            }
        } finally {
            demo.process().destroy();
        }
        var result = demo.await(Duration.ofSeconds(120));
        assertTrue(result.err().contains("SIGTERM"), result::toString);
        assertTrue(result.out().contains("stopped (SIGTERM)"), result::toString);
        URI served = page;
        assertThrows(ConnectException.class, () -> {
            try (var socket = new Socket(served.getHost(), served.getPort())) {
                socket.getInputStream();
            }
        }, "the server stops with the run");
        assertTrue(Files.size(Cli.buildDirectory().resolve("web-page.png")) > 10_000);
    }

    private static URI awaitServing(Cli.Running demo) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            Matcher m = SERVING.matcher(demo.errText());
            if (m.find()) {
                return URI.create(m.group(1));
            }
            if (!demo.process().isAlive() || System.nanoTime() - deadline > 0) {
                fail("the demo did not say where it serves\n" + demo.errText() + demo.outText());
            }
            Thread.sleep(50);
        }
    }

    private static int points(JsonNode probe, String chart) {
        for (JsonNode c : probe.get("charts")) {
            if (c.get("id").asText().equals(chart)) {
                return c.get("points").asInt();
            }
        }
        return 0;
    }

    private static boolean hidden(JsonNode probe, String chart) {
        for (JsonNode c : probe.get("charts")) {
            if (c.get("id").asText().equals(chart)) {
                return c.get("hidden").asBoolean();
            }
        }
        throw new AssertionError("no chart " + chart + " in " + probe);
    }

    /** Exceptions, console errors and error log entries (a failed load among them). */
    private static List<String> problems(List<JsonNode> events) {
        List<String> problems = new ArrayList<>();
        for (JsonNode event : events) {
            String method = event.path("method").asText();
            JsonNode params = event.path("params");
            switch (method) {
                case "Runtime.exceptionThrown" -> problems.add("exception: " + params.path("exceptionDetails"));
                case "Runtime.consoleAPICalled" -> {
                    String type = params.path("type").asText();
                    if (type.equals("error") || type.equals("assert") || type.equals("warning")) {
                        problems.add("console." + type + ": " + params.path("args"));
                    }
                }
                case "Log.entryAdded" -> {
                    String level = params.path("entry").path("level").asText();
                    if (level.equals("error") || level.equals("warning")) {
                        problems.add("log " + level + ": " + params.path("entry").path("text").asText() + " "
                                + params.path("entry").path("url").asText());
                    }
                }
                default -> {
                    // page lifecycle and the like
                }
            }
        }
        return problems;
    }
}
