package io.github.loomfactory.bench;

import io.github.loomfactory.core.Factory;
import io.github.loomfactory.core.FactorySettings;
import io.github.loomfactory.kafka.KafkaSource;
import io.github.loomfactory.kafka.KafkaSourceSettings;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * K1 and K3 of BENCHMARKS.md ("Beyond one process"): W1's (or W3's) stream, produced beforehand to
 * a topic of two partitions (keyed by pid, so a pid's materials keep their order), consumed once
 * by the factory (a {@link KafkaSource} into a counting warehouse, committing settled offsets) and
 * once by the classic design (a plain {@link KafkaConsumer} poll loop on one platform thread per
 * partition, state in a {@link HashMap}, committing after each batch), in the same run, each with
 * a fresh consumer group. The clock of each runs from its start to the commit of the last offset.
 *
 * <p>Prints one line per peer:
 * {@code peer=<factory|plain> workload=<K1|K3> materials=<n> products=<n> seconds=<s> materials_per_s=<x> commit_lag_max=<records> ok=<bool>},
 * and the ratio factory/plain on stderr. The broker is the caller's:
 * {@code --bootstrap HOST:PORT} (factory-bench/kafka-bench.sh starts one from factory-kafka's build).
 */
public final class KafkaScenarios {
    private static final int PARTITIONS = 2;

    private KafkaScenarios() {
    }

    /** Runs K1 or K3; see the class comment for the flags. */
    public static void main(String[] args) throws Exception {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            flags.put(args[i], args[i + 1]);
        }
        String bootstrap = flags.get("--bootstrap");
        if (bootstrap == null) {
            System.err.println("usage: KafkaScenarios --bootstrap HOST:PORT --workload K1|K3 [--scale X] [--peer both|factory|plain]");
            System.exit(2);
        }
        String workload = flags.getOrDefault("--workload", "K1").toUpperCase(Locale.ROOT);
        double scale = Double.parseDouble(flags.getOrDefault("--scale", "1"));
        boolean sleep = workload.equals("K3");
        int k = (int) Math.max(1, (sleep ? 10_000 : 100_000) * scale);
        long n = (long) Math.max(1, (sleep ? 1_000_000 : 20_000_000) * scale);
        String topic = "bench-" + workload + "-" + k + "-" + n;
        long checksum = produceOnce(bootstrap, topic, k, n);
        String peers = flags.getOrDefault("--peer", "both");
        double factoryRate = 0;
        double plainRate = 0;
        if (!peers.equals("plain")) {
            factoryRate = factory(bootstrap, topic, workload, k, n, sleep, checksum);
        }
        if (!peers.equals("factory")) {
            plainRate = plain(bootstrap, topic, workload, n, sleep, checksum);
        }
        if (factoryRate > 0 && plainRate > 0) {
            System.err.printf(Locale.ROOT, "%s: factory/plain = %.2f%n", workload, factoryRate / plainRate);
        }
    }

    /** Produces the stream to {@code topic} unless it is there already; returns its checksum (sum of value * 2). */
    private static long produceOnce(String bootstrap, String topic, int k, long n) throws Exception {
        var stream = Materials.uniform(k, n);
        long checksum = 0;
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            if (admin.listTopics().names().get().contains(topic)) {
                while (stream.hasNext()) {
                    checksum += stream.next().value() * 2;
                }
                return checksum;
            }
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get();
        }
        long started = System.nanoTime();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, "20", ProducerConfig.BATCH_SIZE_CONFIG, "262144", ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            while (stream.hasNext()) {
                Part part = stream.next();
                checksum += part.value() * 2;
                producer.send(new ProducerRecord<>(topic, ByteBuffer.allocate(8).putLong(part.id()).array(), encode(part)));
            }
            producer.flush();
        }
        System.err.printf(Locale.ROOT, "produced %,d materials to %s in %.1f s%n", n, topic, (System.nanoTime() - started) / 1e9);
        return checksum;
    }

    private static byte[] encode(Part part) {
        return ByteBuffer.allocate(24).putLong(part.id()).putLong(part.seq()).putLong(part.value()).array();
    }

    private static Part decode(byte[] value) {
        var buffer = ByteBuffer.wrap(value);
        return Part.of(buffer.getLong(), buffer.getLong(), buffer.getLong());
    }

    private static double factory(String bootstrap, String topic, String workload, int k, long n, boolean sleep, long checksum)
            throws Exception {
        var order = new OrderCheck(k);
        var warehouse = new CountingWarehouse();
        long started = System.nanoTime();
        var factory = Factory.builder(new Work(sleep ? Work.Kind.SLEEP : Work.Kind.MAP, order), warehouse)
                .settings(FactorySettings.builder().contract(Duration.ofSeconds(5)).statusInterval(Duration.ZERO).build()).start();
        String group = "factory-" + System.nanoTime();
        var source = KafkaSource.start(KafkaSourceSettings.of(bootstrap, List.of(topic), group), record -> decode(record.value()),
                factory, poison -> System.err.println("poison " + poison.address()));
        long lagMax = 0;
        while (factory.stats().purchased() < n && source.failure().isEmpty()) {
            Thread.sleep(100);
            long committed = source.stats().committed().values().stream().mapToLong(Long::longValue).sum();
            lagMax = Math.max(lagMax, factory.stats().purchased() - committed);
        }
        source.stopPurchasing();
        factory.close();
        source.close();
        double seconds = (System.nanoTime() - started) / 1e9;
        long committed = committedOf(bootstrap, group);
        boolean ok = committed == n && warehouse.products() == n && warehouse.checksum() == checksum && order.violations() == 0
                && source.failure().isEmpty();
        print("factory", workload, n, warehouse.products(), seconds, lagMax, ok);
        return ok ? n / seconds : 0;
    }

    /** The classic design: one platform thread per partition, a HashMap of per-pid state, commitSync after each batch. */
    private static double plain(String bootstrap, String topic, String workload, long n, boolean sleep, long checksum) throws Exception {
        String group = "plain-" + System.nanoTime();
        var products = new LongAdder();
        var sum = new LongAdder();
        var consumed = new AtomicLong();
        var committedTotal = new AtomicLong();
        var violations = new LongAdder();
        long started = System.nanoTime();
        var threads = new ArrayList<Thread>();
        for (int p = 0; p < PARTITIONS; p++) {
            var tp = new TopicPartition(topic, p);
            threads.add(Thread.ofPlatform().name("plain-" + p).start(() -> {
                try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000"),
                        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                    consumer.assign(List.of(tp));
                    long end = consumer.endOffsets(List.of(tp)).get(tp);
                    var last = new HashMap<Long, Long>();
                    long position = consumer.position(tp);
                    while (position < end) {
                        var records = consumer.poll(Duration.ofMillis(100));
                        for (var record : records) {
                            Part part = decode(record.value());
                            Long previous = last.put(part.id(), part.seq());
                            if (part.seq() != (previous == null ? 0 : previous + 1)) {
                                violations.increment();
                            }
                            if (sleep) {
                                Thread.sleep(1);
                            }
                            products.increment();
                            sum.add(part.value() * 2);
                            consumed.incrementAndGet();
                            position = record.offset() + 1;
                        }
                        if (!records.isEmpty()) {
                            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(position)));
                            committedTotal.addAndGet(records.count());
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        long lagMax = 0;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                thread.join(100);
                lagMax = Math.max(lagMax, consumed.get() - committedTotal.get());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        boolean ok = committedOf(bootstrap, group) == n && products.sum() == n && sum.sum() == checksum && violations.sum() == 0;
        print("plain", workload, n, products.sum(), seconds, lagMax, ok);
        return ok ? n / seconds : 0;
    }

    private static long committedOf(String bootstrap, String group) throws InterruptedException, ExecutionException,
            java.util.concurrent.TimeoutException {
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    private static void print(String peer, String workload, long n, long products, double seconds, long lagMax, boolean ok) {
        System.out.printf(Locale.ROOT, "peer=%s workload=%s materials=%d products=%d seconds=%.3f materials_per_s=%.0f commit_lag_max=%d ok=%s%n",
                peer, workload, n, products, seconds, n / seconds, lagMax, ok);
        System.out.flush();
    }
}
