package io.github.loomfactory.cli.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's web server: a live page of plots at {@code /}, Prometheus metrics at
 * {@code /metrics}, the stats at {@code /stats.json}, and the samples the page plots at
 * {@code /history.json?after=N}. GET only (405 with {@code Allow: GET} otherwise); any other path
 * is 404.
 *
 * <p>It never slows the factory: it runs on platform threads of its own (the JDK's HTTP server's
 * dispatcher, up to {@value #MAX_REQUESTS} request threads, one sampler thread), and what it serves
 * is made from readings of the stats, which read counters and never wait on a department. The
 * request threads are platform threads, as the stevedore is, so that a page is not queued behind
 * the factory's runnable workers on the virtual-thread scheduler (nor a worker behind a page). A
 * client that connects and sends nothing holds nothing; one that asks and never reads holds one
 * request thread until it goes or the server closes.
 * {@link #close()} stops serving at once, closing every connection, and is called when the run
 * ends.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    private static final String HTML = "text/html; charset=utf-8";
    private static final String JSON = "application/json";
    /** Requests served at once; beyond it a connection is refused until one ends. */
    private static final int MAX_REQUESTS = 32;

    private final HttpServer server;
    private final ExecutorService requests;
    private final Readings readings;
    private final int workshops;
    private final History history = new History(History.TEN_MINUTES);
    private final Map<String, Asset> assets;
    private final Thread sampler;
    private final long periodNanos;
    private volatile boolean closed;

    private WebServer(HttpServer server, Readings readings, int workshops, Duration period) {
        this.server = server;
        this.readings = readings;
        this.workshops = workshops;
        this.periodNanos = period.toNanos();
        this.assets = Map.of(
                "/", Asset.load("index.html", HTML),
                "/page.js", Asset.load("page.js", "text/javascript; charset=utf-8"),
                "/page.css", Asset.load("page.css", "text/css; charset=utf-8"));
        this.requests = new ThreadPoolExecutor(0, MAX_REQUESTS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                Thread.ofPlatform().daemon().name("web-request-", 0)
                        .uncaughtExceptionHandler((thread, e) -> LOG.warn("web request failed on {}", thread, e)).factory());
        this.sampler = Thread.ofPlatform().daemon().name("web-sampler").unstarted(this::sample);
    }

    /**
     * Starts serving {@code readings} at {@code address}, sampling them once a second for the page.
     *
     * @param address where to listen; port 0 for any free port
     * @param readings what to serve
     * @param workshops how many workshops the factory has (the page lays out a series for each)
     * @return the running server
     * @throws IOException if the address cannot be bound
     */
    public static WebServer start(WebAddress address, Readings readings, int workshops) throws IOException {
        return start(address, readings, workshops, Duration.ofSeconds(1));
    }

    static WebServer start(WebAddress address, Readings readings, int workshops, Duration period) throws IOException {
        HttpServer http = HttpServer.create(address.socketAddress(), 0);
        var web = new WebServer(http, readings, workshops, period);
        http.createContext("/", web::handle);
        http.setExecutor(web.requests);
        web.history.add(readings.read());
        web.sampler.start();
        http.start();
        return web;
    }

    /** Returns the address the server listens on (with the port the system chose for port 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** Returns the page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        InetSocketAddress bound = address();
        String host = bound.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort() + "/");
    }

    /** Stops serving: closes the listening socket and every connection, and stops the sampler. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        LockSupport.unpark(sampler);
        server.stop(0);
        requests.shutdownNow();
        try {
            sampler.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sample() {
        long next = System.nanoTime() + periodNanos;
        while (!closed) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                continue;
            }
            next += periodNanos;
            try {
                history.add(readings.read());
            } catch (RuntimeException e) {
                LOG.warn("cannot read the run's stats for the page: {}", e.toString());
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            Asset asset = assets.get(path);
            boolean known = asset != null || path.equals("/metrics") || path.equals("/stats.json") || path.equals("/history.json");
            if (!known) {
                send(exchange, 404, "text/plain; charset=utf-8", ("not found: " + path + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!exchange.getRequestMethod().equals("GET")) {
                exchange.getResponseHeaders().set("Allow", "GET");
                send(exchange, 405, "text/plain; charset=utf-8", ("only GET is served: " + exchange.getRequestMethod() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (asset != null) {
                send(exchange, 200, asset.contentType(), asset.body());
                return;
            }
            var body = new ByteArrayOutputStream(8192);
            switch (path) {
                case "/metrics" -> {
                    Metrics.write(body, readings.read());
                    send(exchange, 200, Metrics.contentType(), body.toByteArray());
                }
                case "/stats.json" -> {
                    JsonViews.stats(body, readings, readings.read());
                    send(exchange, 200, JSON, body.toByteArray());
                }
                default -> {
                    long after = after(exchange.getRequestURI().getRawQuery());
                    if (after < 0) {
                        send(exchange, 400, "text/plain; charset=utf-8",
                                "history.json takes ?after=N, N the last sample number seen (0 for all)\n".getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                    JsonViews.history(body, readings, workshops, history.latest(), history.after(after));
                    send(exchange, 200, JSON, body.toByteArray());
                }
            }
        } catch (IOException e) {
            LOG.debug("web client went away: {}", e.toString());
        }
    }

    /** The {@code after} of a history query: 0 without one, -1 if malformed. */
    private static long after(String query) {
        if (query == null || query.isEmpty()) {
            return 0;
        }
        if (!query.startsWith("after=") || query.length() == 6 || query.length() > 6 + 18
                || !query.substring(6).chars().allMatch(Character::isDigit)) {
            return -1;
        }
        return Long.parseLong(query.substring(6));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    /** A file of the page, read once from the module. */
    private record Asset(byte[] body, String contentType) {
        static Asset load(String name, String contentType) {
            try (InputStream in = WebServer.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("the page's " + name + " is missing from the jar");
                }
                return new Asset(in.readAllBytes(), contentType);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the page's " + name, e);
            }
        }
    }
}
