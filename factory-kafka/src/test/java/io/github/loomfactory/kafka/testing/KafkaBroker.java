package io.github.loomfactory.kafka.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node KRaft Kafka broker (broker and controller in one process) for the tests of one
 * class: register it with {@code @RegisterExtension static final KafkaBroker KAFKA = new KafkaBroker();}.
 *
 * <p>It runs as a child JVM (the JDK 25 that runs the tests) from Kafka's own artifacts, whose class
 * path the build wrote to {@code target/broker.classpath}; it listens on free loopback ports and
 * keeps its data in a fresh directory under {@code target/}. It starts once before the class's
 * first test and is stopped by its PID after the last one (and on JVM exit, should the tests die);
 * {@link #stop()} and {@link #start()} in between simulate an outage on the same ports and data.
 * Without an SLF4J binding on its class path, the broker logs nothing; its output goes to
 * {@code broker.log} in its directory. Shared with other modules' tests through this module's
 * test jar (as package {@code io.github.loomfactory.kafka.testing}); there, set the system property
 * {@code loom.broker.classpath} to this module's {@code target/broker.classpath}.
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback {
    private static final Duration STARTUP = Duration.ofSeconds(180);

    private Path dir;
    private int brokerPort;
    private int controllerPort;
    private volatile Process process;
    private Admin shared;
    private final Thread reaper = new Thread(this::kill, "kafka-broker-reaper");

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path build = Path.of(System.getProperty("loom.build.directory", "target"));
        Files.createDirectories(build);
        dir = Files.createTempDirectory(build, "kafka-");
        brokerPort = freePort();
        controllerPort = freePort();
        Files.writeString(dir.resolve("server.properties"), properties());
        run(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
                dir.resolve("server.properties").toString()), Duration.ofSeconds(60));
        Runtime.getRuntime().addShutdownHook(reaper);
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        synchronized (this) {
            if (shared != null) {
                shared.close(Duration.ofSeconds(5));
                shared = null;
            }
        }
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    /** Returns {@code bootstrap.servers} for clients: {@code 127.0.0.1:PORT}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + brokerPort;
    }

    /** Starts the broker (again) and waits until it answers; bounded by a minute. */
    public void start() throws IOException, InterruptedException {
        var command = javaCommand("kafka.Kafka", dir.resolve("server.properties").toString());
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile())).start();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("kafka broker exited with " + process.exitValue() + " at start; see "
                        + dir.resolve("broker.log"));
            }
            try (var admin = admin()) {
                admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException notYet) {
                if (System.nanoTime() > deadline) {
                    kill();
                    throw new IllegalStateException("kafka " + bootstrapServers() + ": no broker answered in "
                            + STARTUP.toSeconds() + " s; see " + dir.resolve("broker.log"));
                }
                Thread.sleep(200);
            }
        }
    }

    /** Stops the broker by its PID (SIGTERM, then SIGKILL after 20 s) and waits for it to end. */
    public void stop() {
        Process running = process;
        if (running == null) {
            return;
        }
        running.toHandle().destroy();
        try {
            if (!running.waitFor(20, TimeUnit.SECONDS)) {
                running.toHandle().destroyForcibly();
                running.waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            running.toHandle().destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void kill() {
        Process running = process;
        if (running != null) {
            running.toHandle().destroyForcibly();
        }
    }

    /** Returns a new admin client of this broker; close it. */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000", AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000"));
    }

    /** Returns an admin client of this broker shared by the tests of the class; closed with the broker. */
    public synchronized Admin sharedAdmin() {
        if (shared == null) {
            shared = admin();
        }
        return shared;
    }

    /** Creates a topic of {@code partitions} partitions and waits until it exists. */
    public void createTopic(String name, int partitions) throws Exception {
        try (var admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Writes {@code records} (key and value, as UTF-8) to {@code topic} and returns once the broker
     * acknowledged every one ({@link #produce(String, String, List, Function, Function)}): for tests
     * that see no Kafka type.
     */
    public void produce(String topic, List<Map.Entry<String, String>> records) {
        produce(bootstrapServers(), topic, records, record -> record.getKey().getBytes(StandardCharsets.UTF_8),
                record -> record.getValue().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Produces {@code values} to {@code topic} and returns once the broker acknowledged every one:
     * a record whose send failed (a whole batch can, on a loaded machine or right after a broker
     * restart) is sent again, once, and a second failure fails the test naming its cause. A test
     * that checks "no product lost" must know that every record it counts is on the topic.
     *
     * @param brokers the bootstrap servers
     * @param topic the topic
     * @param values what to produce, in order
     * @param key a value's record key (null for none)
     * @param value a value's record value
     */
    public static <T> void produce(String brokers, String topic, List<T> values, Function<T, byte[]> key, Function<T, byte[]> value) {
        List<T> failed = send(brokers, topic, values, key, value);
        if (!failed.isEmpty()) {
            System.out.printf("producing to %s: %d of %d records failed; sending them again%n", topic, failed.size(), values.size());
            List<T> again = send(brokers, topic, failed, key, value);
            if (!again.isEmpty()) {
                throw new AssertionError("producing to " + topic + ": " + again.size() + " records failed twice");
            }
        }
    }

    /** Sends {@code values}, waits for every acknowledgement and returns those whose send failed. */
    private static <T> List<T> send(String brokers, String topic, List<T> values, Function<T, byte[]> key, Function<T, byte[]> value) {
        var sends = new ArrayList<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>>(values.size());
        var failed = new ArrayList<T>();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, "5"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (T v : values) {
                sends.add(producer.send(new ProducerRecord<>(topic, key.apply(v), value.apply(v))));
            }
            producer.flush();
            Throwable cause = null;
            for (int i = 0; i < sends.size(); i++) {
                try {
                    sends.get(i).get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failed.add(values.get(i));
                    cause = e.getCause();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while producing to " + topic, e);
                }
            }
            if (cause != null) {
                System.out.printf("producing to %s: %d sends failed, the last with %s%n", topic, failed.size(), cause);
            }
        }
        return failed;
    }

    /** Returns the committed offsets of {@code group}, by {@code topic-partition}; empty if it has none. */
    public Map<String, Long> committed(String group) throws Exception {
        var result = new java.util.TreeMap<String, Long>();
        sharedAdmin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS)
                .forEach((tp, offset) -> {
                    if (offset != null) {
                        result.put(tp.toString(), offset.offset());
                    }
                });
        return result;
    }

    private String properties() {
        var p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dir.resolve("data").toString());
        p.setProperty("num.partitions", "2");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "2");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "true");
        var text = new StringBuilder();
        p.stringPropertyNames().stream().sorted().forEach(key -> text.append(key).append('=').append(p.getProperty(key)).append('\n'));
        return text.toString();
    }

    private void run(List<String> mainAndArgs, Duration limit) throws IOException, InterruptedException {
        var command = javaCommand(mainAndArgs.toArray(String[]::new));
        var tool = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile())).start();
        if (!tool.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            tool.toHandle().destroyForcibly();
            throw new IllegalStateException(mainAndArgs.getFirst() + " did not finish in " + limit.toSeconds() + " s");
        }
        if (tool.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", mainAndArgs) + " failed with " + tool.exitValue() + ": "
                    + Files.readString(dir.resolve("broker.log")));
        }
    }

    private static List<String> javaCommand(String... mainAndArgs) throws IOException {
        Path classpathFile = Path.of(System.getProperty("loom.broker.classpath", "target/broker.classpath"));
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException("no broker class path at " + classpathFile + ": build with ./mvnw, which writes it");
        }
        String java = ProcessHandle.current().info().command().orElseThrow();
        var command = new ArrayList<>(List.of(java, "-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Xshare:auto", "-cp", Files.readString(classpathFile).strip()));
        command.addAll(List.of(mainAndArgs));
        return command;
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
