package io.github.loomfactory.cli.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.loomfactory.api.Retirement;
import io.github.loomfactory.core.Factory;
import io.github.loomfactory.core.FactoryStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The web server on a real loopback socket, serving a drained factory (whose figures no longer
 * move, so what it serves can be compared with the stats exactly), and a live one for the stuck
 * clients.
 */
@Timeout(120)
class WebServerTest {
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final List<LaneLag> LANES = List.of(new LaneLag("clicks-0", 120, 7), new LaneLag("clicks-1", 0, 0));
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Factory<Ticks.Tick, Ticks.Tock> drained;
    private static WebServer web;

    @BeforeAll
    static void serveADrainedFactory() throws Exception {
        var factory = Ticks.factory();
        try (factory) {
            for (long i = 0; i < 30_000; i++) {
                factory.purchase(new Ticks.Tick(i % 500, i % 5_000 == 0 ? -1 : i));
            }
        }
        drained = factory;
        var readings = new Readings("ticks", false, drained::stats, () -> 6, () -> LANES);
        web = WebServer.start(new WebAddress("127.0.0.1", 0), readings, 2, Duration.ofMillis(50));
    }

    @AfterAll
    static void stop() {
        if (web != null) {
            web.close();
        }
    }

    record Response(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (var entry : headers.entrySet()) {
                if (name.equalsIgnoreCase(entry.getKey())) {
                    return String.join(",", entry.getValue());
                }
            }
            return null;
        }
    }

    static Response request(WebServer server, String method, String path) throws IOException {
        var connection = (HttpURLConnection) server.uri().resolve(path).toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(10_000);
        if (method.equals("POST") || method.equals("PUT")) {
            connection.setDoOutput(true);
            try (OutputStream out = connection.getOutputStream()) {
                out.write("x=1".getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            int status = connection.getResponseCode();
            InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream();
            String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Response(status, connection.getHeaderFields(), body);
        } finally {
            connection.disconnect();
        }
    }

    private static Response get(String path) throws IOException {
        return request(web, "GET", path);
    }

    @Test
    void eachRouteIsServedWithItsContentType() throws Exception {
        Map<String, String> types = Map.of(
                "/", "text/html; charset=utf-8",
                "/page.js", "text/javascript; charset=utf-8",
                "/page.css", "text/css; charset=utf-8",
                "/metrics", "text/plain; version=0.0.4; charset=utf-8",
                "/stats.json", "application/json",
                "/history.json", "application/json",
                "/history.json?after=3", "application/json");
        for (var route : types.entrySet()) {
            Response response = get(route.getKey());
            assertEquals(200, response.status(), route.getKey());
            assertEquals(route.getValue(), response.header("Content-Type"), route.getKey());
            assertEquals("no-store", response.header("Cache-Control"), route.getKey());
            assertFalse(response.body().isEmpty(), route.getKey());
        }
        assertTrue(get("/").body().contains("<script src=\"page.js\">"));
    }

    @Test
    void nothingOutsideTheRoutesIsServed() throws Exception {
        for (String path : List.of("/nope", "/metrics/", "/index.html", "/stats.json/x", "/%2e%2e/pom.xml", "/web/page.js",
                "/io/github/loomfactory/cli/web/page.js", "/module-info.class")) {
            Response response = get(path);
            assertEquals(404, response.status(), path);
            assertEquals("text/plain; charset=utf-8", response.header("Content-Type"), path);
        }
    }

    @Test
    void onlyGetIsServedAnythingElseIs405WithAllow() throws Exception {
        for (String path : List.of("/", "/metrics", "/stats.json", "/history.json", "/page.js")) {
            for (String method : List.of("POST", "PUT", "DELETE", "HEAD", "OPTIONS")) {
                Response response = request(web, method, path);
                assertEquals(405, response.status(), method + " " + path);
                assertEquals("GET", response.header("Allow"), method + " " + path);
            }
        }
        assertEquals(404, request(web, "POST", "/nope").status());
    }

    @Test
    void aMalformedHistoryQueryIs400() throws Exception {
        for (String query : List.of("?after=", "?after=x", "?since=1", "?after=-1", "?after=99999999999999999999")) {
            assertEquals(400, get("/history.json" + query).status(), query);
        }
    }

    @Test
    void metricsFollowTheTextFormatAndEqualTheStats() throws Exception {
        Response response = get("/metrics");
        FactoryStats stats = drained.stats();
        var families = Exposition.parse(response.body());
        Map<String, Double> series = new HashMap<>();
        families.values().forEach(family -> series.putAll(family.samples()));

        assertEquals("counter", families.get("loomfactory_materials_purchased_total").type());
        assertEquals(30_000, stats.purchased());
        assertEquals(stats.purchased(), series.get("loomfactory_materials_purchased_total"));
        assertEquals(stats.processed(), series.get("loomfactory_materials_processed_total"));
        assertEquals(6, stats.rejected());
        assertEquals(stats.rejected(), series.get("loomfactory_materials_rejected_total"));
        assertEquals(stats.failures(), series.get("loomfactory_failures_total"));
        assertEquals(stats.emitted(), series.get("loomfactory_products_emitted_total"));
        assertEquals(stats.hires(), series.get("loomfactory_workers_hired_total"));
        assertEquals(stats.beltWaits(), series.get("loomfactory_belt_waits_total"));
        assertEquals(6.0, series.get("loomfactory_records_rejected_total"));
        assertEquals(3, stats.shippedPerPclass().size());
        for (var pclass : stats.shippedPerPclass().entrySet()) {
            assertEquals(pclass.getValue().doubleValue(), series.get("loomfactory_products_shipped_total{pclass=\"" + pclass.getKey() + "\"}"),
                    pclass.getKey());
        }
        assertEquals(stats.shipped(), families.get("loomfactory_products_shipped_total").samples().values().stream()
                .mapToDouble(Double::doubleValue).sum());
        for (Retirement reason : Retirement.values()) {
            assertEquals(stats.retirementsPerReason().get(reason).doubleValue(),
                    series.get("loomfactory_workers_retired_total{reason=\"" + reason.name().toLowerCase(java.util.Locale.ROOT) + "\"}"));
        }
        assertEquals(stats.recentShipments().getLast().number(), series.get("loomfactory_shipments_total"));
        for (int workshop = 0; workshop < 2; workshop++) {
            assertEquals(0.0, series.get("loomfactory_line_backlog{workshop=\"" + workshop + "\"}"));
            assertEquals(0.0, series.get("loomfactory_workers_live{workshop=\"" + workshop + "\"}"));
        }
        assertEquals("gauge", families.get("loomfactory_source_consumer_lag").type());
        assertEquals(120.0, series.get("loomfactory_source_consumer_lag{lane=\"clicks-0\"}"));
        assertEquals(7.0, series.get("loomfactory_source_commit_lag{lane=\"clicks-0\"}"));
        assertTrue(series.get("loomfactory_shipment_latency_max_seconds") >= series.get("loomfactory_shipment_latency_mean_seconds"));
        assertFalse(families.containsKey("loomfactory_event_time_lag_seconds"), "not on event time");
        families.keySet().forEach(name -> assertTrue(name.startsWith("loomfactory_"), name));
        families.values().forEach(family -> assertFalse(family.help().isBlank()));
    }

    @Test
    void statsJsonIsTheSnapshot() throws Exception {
        JsonNode json = JSON.readTree(get("/stats.json").body());
        FactoryStats stats = drained.stats();
        assertEquals("ticks", json.get("blueprint").asText());
        assertEquals(stats.purchased(), json.get("purchased").asLong());
        assertEquals(stats.processed(), json.get("processed").asLong());
        assertEquals(stats.rejected(), json.get("rejected").asLong());
        assertEquals(stats.shipped(), json.get("shipped").asLong());
        assertEquals(stats.hires(), json.get("hires").asLong());
        assertEquals(stats.retirements(), json.get("retirements").asLong());
        assertEquals(6, json.get("rejects").asLong());
        for (var pclass : stats.shippedPerPclass().entrySet()) {
            assertEquals(pclass.getValue(), json.get("shippedPerPclass").get(pclass.getKey()).asLong());
        }
        assertEquals(stats.retirementsPerReason().get(Retirement.DRAIN), json.get("retirementsPerReason").get("DRAIN").asLong());
        assertEquals(stats.recentShipments().size(), json.get("recentShipments").size());
        assertEquals(stats.recentShipments().getLast().number(), json.get("recentShipments").get(stats.recentShipments().size() - 1)
                .get("number").asLong());
        assertTrue(json.get("watermark").isNull());
        assertTrue(json.get("eventTimeLagSeconds").isNull());
        assertEquals("clicks-0", json.get("lanes").get(0).get("lane").asText());
        assertEquals(120, json.get("lanes").get(0).get("consumerLag").asLong());
        assertEquals(List.of(0, 0), List.of(json.get("lineBacklogs").get(0).asInt(), json.get("lineBacklogs").get(1).asInt()));
    }

    @Test
    void theHistoryGrowsASampleAPeriodAndAnswersFromTheLastNumberSeen() throws Exception {
        await("three samples", () -> JSON.readTree(get("/history.json").body()).get("samples").size() >= 3);
        JsonNode all = JSON.readTree(get("/history.json").body());
        assertEquals(2, all.get("workshops").asInt());
        assertEquals(30_000, all.get("now").get("purchased").asLong());
        JsonNode samples = all.get("samples");
        for (int i = 1; i < samples.size(); i++) {
            assertEquals(samples.get(i - 1).get("n").asLong() + 1, samples.get(i).get("n").asLong());
        }
        long second = samples.get(1).get("n").asLong();
        JsonNode later = JSON.readTree(get("/history.json?after=" + second).body()).get("samples");
        assertTrue(later.size() >= samples.size() - 2);
        later.forEach(sample -> assertTrue(sample.get("n").asLong() > second));
        JsonNode sample = samples.get(0);
        assertEquals(0.0, sample.get("purchased").asDouble(), "a drained factory buys nothing");
        assertEquals("clicks-0", sample.get("lanes").get(0).get("lane").asText());
    }

    @Test
    void clientsThatReadNothingNeitherStopTheFactoryNorTheServerAndCloseEndsThem() throws Exception {
        var live = Ticks.factory();
        var buying = new AtomicBoolean(true);
        Thread buyer = Thread.ofPlatform().name("buyer").start(() -> {
            try {
                for (long i = 0; buying.get(); i++) {
                    live.purchase(new Ticks.Tick(i % 10_000, i));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<Socket> stuck = new ArrayList<>();
        try {
            var server = WebServer.start(new WebAddress("127.0.0.1", 0), new Readings("ticks", false, live::stats, () -> 0, List::of),
                    2, Duration.ofMillis(50));
            InetSocketAddress address = server.address();
            try {
                for (int i = 0; i < 20; i++) {
                    var idle = new Socket();
                    idle.connect(address, 10_000);
                    stuck.add(idle);
                }
                // a client that asks for a large page again and again and never reads an answer
                var flooder = new Socket();
                flooder.connect(address, 10_000);
                stuck.add(flooder);
                Thread.ofVirtual().start(() -> {
                    try {
                        OutputStream out = flooder.getOutputStream();
                        byte[] ask = "GET /page.js HTTP/1.1\r\nHost: test\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                        for (int i = 0; i < 5_000; i++) {
                            out.write(ask);
                        }
                    } catch (IOException closed) {
                        // the server closed the connection: what close() does
                    }
                });
                long before = live.stats().purchased();
                await("the factory keeps buying", () -> live.stats().purchased() > before + 50_000);
                long samples = history(server).size();
                await("the sampler keeps sampling", () -> history(server).size() > samples + 2);
                assertEquals(200, request(server, "GET", "/metrics").status(), "other clients are served");
            } finally {
                long start = System.nanoTime();
                server.close();
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "close took " + took);
            }
            for (Socket socket : stuck) {
                socket.setSoTimeout(10_000);
                assertTrue(endsWithin(socket), "a stuck connection is closed with the server");
            }
            assertThrows(ConnectException.class, () -> {
                try (var again = new Socket()) {
                    again.connect(address, 10_000);
                }
            });
            assertTrue(buyer.isAlive(), "the factory was never held back");
        } finally {
            buying.set(false);
            buyer.join(DEADLINE);
            live.close();
            for (Socket socket : stuck) {
                socket.close();
            }
        }
    }

    private static List<JsonNode> history(WebServer server) {
        try {
            var list = new ArrayList<JsonNode>();
            JSON.readTree(request(server, "GET", "/history.json").body()).get("samples").forEach(list::add);
            return list;
        } catch (IOException e) {
            throw new AssertionError("history.json failed: " + e, e);
        }
    }

    /** Reads what the server sent until the connection ends; true if it ended (not timed out). */
    private static boolean endsWithin(Socket socket) throws IOException {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1 << 16];
            while (in.read(buffer) >= 0) {
                // the answers sent before the close
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static void await(String what, ThrowingCondition condition) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + DEADLINE + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    @FunctionalInterface
    interface ThrowingCondition {
        boolean holds() throws Exception;
    }
}
