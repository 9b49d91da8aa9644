package io.github.loomfactory.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.core.Factory;
import io.github.loomfactory.core.FactorySettings;
import io.github.loomfactory.kafka.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaSourceTest {
    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    private static final MaterialDecoder<Reading> DECODER = record -> Reading.decode(record.value());

    static List<Reading> readings(int n, int pids) {
        var list = new ArrayList<Reading>();
        var seqs = new long[pids];
        var random = new java.util.SplittableRandom(42);
        for (int i = 0; i < n; i++) {
            int pid = random.nextInt(pids);
            list.add(new Reading(pid, seqs[pid]++, random.nextLong(1000), 1_000_000L + i));
        }
        return list;
    }

    static void produce(String topic, List<Reading> readings) {
        produce(KAFKA.bootstrapServers(), topic, readings);
    }

    static void produce(String servers, String topic, List<Reading> readings) {
        KafkaBroker.produce(servers, topic, readings, r -> Long.toString(r.sensor()).getBytes(StandardCharsets.UTF_8),
                Reading::encode);
    }

    @Test
    void everyRecordBecomesAProductAndTheGroupCommitsToTheEnd() throws Exception {
        KAFKA.createTopic("src1", 2);
        var readings = readings(20_000, 500);
        produce("src1", readings);
        var warehouse = new Collected();
        var factory = Factory.builder(new Doubling(), warehouse)
                .settings(FactorySettings.builder().contract(Duration.ofMillis(200)).build()).start();
        var source = KafkaSource.start(KafkaSourceSettings.of(KAFKA.bootstrapServers(), List.of("src1"), "g1"), DECODER, factory,
                poison -> { });
        Await.until(Duration.ofSeconds(60), () -> factory.stats().purchased() == readings.size() || source.failure().isPresent(),
                () -> "purchased " + factory.stats().purchased());
        assertEquals(java.util.Optional.empty(), source.failure());
        source.stopPurchasing();
        factory.close();
        source.close();

        var expected = new HashSet<Doubled>();
        readings.forEach(r -> expected.add(new Doubled(r.sensor(), r.seq(), r.value() * 2)));
        assertEquals(readings.size(), warehouse.size(), "one product per record, none twice");
        assertEquals(expected, new HashSet<>(warehouse.products()));
        assertEquals(ends("src1"), Topics.committed(KAFKA, "g1"));
    }

    @Test
    void aSourceWhoseFetchesBringNothingIsNotIdleWhileTheBrokerHoldsItsRecords() throws Exception {
        KAFKA.createTopic("unread", 1);
        var readings = readings(500, 10);
        produce("unread", readings);
        var factory = Factory.builder(new Doubling(), new Collected()).settings(FactorySettings.builder().statusInterval(Duration.ZERO).build())
                .start();
        // the broker answers a fetch only once it has 50 MB for it, or after 25 s: the source is assigned
        // its partition but reads nothing for that long, as when a fetch stalls after a rebalance (and the
        // broker, answering one request of a connection at a time, cannot say where the partition ends)
        var settings = KafkaSourceSettings.of(KAFKA.bootstrapServers(), List.of("unread"), "unread")
                .with("fetch.min.bytes", "50000000").with("fetch.max.wait.ms", "25000").with("request.timeout.ms", "40000");
        var source = KafkaSource.start(settings, DECODER, factory, poison -> { });
        try {
            Await.until(Duration.ofSeconds(60), () -> source.stats().endChecks() >= 1 && source.stats().unread() != 0
                    || source.failure().isPresent(), () -> "stats " + source.stats());
            var stats = source.stats();
            assertEquals(0, stats.records(), "nothing fetched yet");
            assertEquals(Duration.ZERO, source.idle(), "a quiet second with records unread (or no answer) is not idleness: " + stats);
        } finally {
            source.stopPurchasing();
            factory.close();
            source.close();
        }
    }

    @Test
    void aTopicHoldingAFilesMaterialsGivesExactlyTheProductsOfTheFileRun() throws Exception {
        KAFKA.createTopic("same", 1);
        var readings = new ArrayList<Reading>();
        var random = new java.util.SplittableRandom(7);
        long time = 1_000_000;
        long[] seqs = new long[60];
        for (int i = 0; i < 6_000; i++) {
            time += random.nextInt(5) == 0 ? random.nextInt(400) : random.nextInt(20);
            int sensor = random.nextInt(seqs.length);
            readings.add(new Reading(sensor, seqs[sensor]++, random.nextLong(1000), time));
        }
        var settings = FactorySettings.builder().eventTime(true).contract(Duration.ofMillis(500)).build();
        var fromFile = new CollectedTotals();
        try (var factory = Factory.builder(new Totals(), fromFile).settings(settings).start()) {
            factory.purchaseAll(readings);
        }
        produce("same", readings);
        var fromTopic = new CollectedTotals();
        var factory = Factory.builder(new Totals(), fromTopic).settings(settings).start();
        var source = KafkaSource.start(KafkaSourceSettings.of(KAFKA.bootstrapServers(), List.of("same"), "same"), DECODER, factory,
                poison -> { });
        Await.until(Duration.ofSeconds(60), () -> factory.stats().purchased() == readings.size() || source.failure().isPresent(),
                () -> "purchased " + factory.stats().purchased());
        source.stopPurchasing();
        factory.close();
        source.close();

        assertTrue(fromFile.size() > seqs.length, "sessions split on event time: " + fromFile.size());
        assertEquals(sorted(fromFile.products()), sorted(fromTopic.products()));
    }

    @Test
    void aSlowWarehousePausesPartitionsHoldsLittleAndKeepsTheSourceInItsGroup() throws Exception {
        KAFKA.createTopic("slow", 2);
        var readings = readings(3_000, 100);
        produce("slow", readings);
        var warehouse = new Collected(100);
        var factory = Factory.builder(new Doubling(), warehouse)
                .settings(FactorySettings.builder().workshops(1).lineCapacity(50).beltCapacity(4).transportCapacity(20).shipmentSize(10)
                        .shipmentAge(Duration.ofMillis(10)).build())
                .start();
        var source = KafkaSource.start(KafkaSourceSettings.of(KAFKA.bootstrapServers(), List.of("slow"), "slow")
                .with("max.poll.interval.ms", "3000").with("max.poll.records", "100"), DECODER, factory, poison -> { });
        long mostHeld = 0;
        int pausedSeen = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        // 3,000 products at 10 per 100 ms take 30 s: ten times max.poll.interval.ms
        while (warehouse.size() < readings.size() && System.nanoTime() < deadline && source.failure().isEmpty()) {
            var stats = source.stats();
            mostHeld = Math.max(mostHeld, stats.held());
            pausedSeen = Math.max(pausedSeen, stats.paused());
            Thread.sleep(50);
        }
        var stats = source.stats();
        source.stopPurchasing();
        factory.close();
        source.close();
        assertEquals(readings.size(), warehouse.size());
        assertTrue(pausedSeen > 0, "the source paused partitions while the factory was full");
        assertTrue(mostHeld <= 2 * 100, "held at most max.poll.records per partition: " + mostHeld);
        assertEquals(1, stats.assignments(), "never evicted from its group: one assignment only");
    }

    private static List<Totals.Total> sorted(List<Totals.Total> totals) {
        var list = new ArrayList<>(totals);
        list.sort(java.util.Comparator.comparingLong(Totals.Total::sensor).thenComparingLong(Totals.Total::first));
        return list;
    }

    /** Keeps totals. */
    @SuppressWarnings("try")
    static final class CollectedTotals implements io.github.loomfactory.api.Warehouse<Totals.Total> {
        private final List<Totals.Total> products = new ArrayList<>();

        @Override
        public synchronized void receive(io.github.loomfactory.api.Shipment<Totals.Total> shipment) {
            products.addAll(shipment.products());
        }

        synchronized List<Totals.Total> products() {
            return List.copyOf(products);
        }

        synchronized int size() {
            return products.size();
        }
    }

    @Test
    void settledOffsetsAreCommittedWhileTheFactoryRuns() throws Exception {
        KAFKA.createTopic("src2", 2);
        var readings = readings(2_000, 50);
        produce("src2", readings);
        var warehouse = new Collected();
        var factory = Factory.builder(new Doubling(), warehouse)
                .settings(FactorySettings.builder().contract(Duration.ofMillis(100)).shipmentAge(Duration.ofMillis(20)).build()).start();
        var source = KafkaSource.start(KafkaSourceSettings.of(KAFKA.bootstrapServers(), List.of("src2"), "g2")
                .commitInterval(Duration.ofMillis(100)), DECODER, factory, poison -> { });
        try {
            var ends = ends("src2");
            // every worker retires 100 ms after its pid's last material: the factory settles everything without a drain
            Await.until(Duration.ofSeconds(60), () -> committed("g2").equals(ends), () -> "committed " + committed("g2") + " of " + ends);
            assertEquals(readings.size(), warehouse.size());
        } finally {
            source.stopPurchasing();
            factory.close();
            source.close();
        }
    }

    @Test
    void poisonRecordsAreReportedWithTheirAddressAndDoNotStallTheirPartition() throws Exception {
        KAFKA.createTopic("src3", 1);
        var good = readings(1_000, 20);
        var values = new ArrayList<byte[]>();
        var poisonOffsets = new HashSet<Long>();
        for (int i = 0; i < good.size(); i++) {
            if (i % 100 == 7) {
                poisonOffsets.add((long) values.size());
                values.add(("not a reading " + i).getBytes(StandardCharsets.UTF_8));
            }
            values.add(good.get(i).encode());
        }
        KafkaBroker.produce(KAFKA.bootstrapServers(), "src3", values, v -> null, v -> v);
        var warehouse = new Collected();
        var factory = Factory.builder(new Doubling(), warehouse).start();
        var reported = new ConcurrentLinkedQueue<PoisonRecord>();
        var source = KafkaSource.start(KafkaSourceSettings.of(KAFKA.bootstrapServers(), List.of("src3"), "g3"), DECODER, factory,
                reported::add);
        Await.until(Duration.ofSeconds(60), () -> factory.stats().purchased() == good.size() && reported.size() == poisonOffsets.size(),
                () -> "purchased " + factory.stats().purchased() + ", poison " + reported.size());
        source.stopPurchasing();
        factory.close();
        source.close();

        var offsets = new HashSet<Long>();
        for (PoisonRecord poison : reported) {
            assertEquals("src3", poison.topic());
            assertEquals(0, poison.partition());
            assertTrue(poison.reason().startsWith("a reading is sensor,seq,value,millis: 'not a reading"), poison.reason());
            assertTrue(poison.address().startsWith("src3-0@"), poison.address());
            offsets.add(poison.offset());
        }
        assertEquals(poisonOffsets, offsets);
        assertEquals(good.size(), warehouse.size());
        assertEquals(source.stats().poison(), poisonOffsets.size());
        assertEquals(Map.of(new TopicPartition("src3", 0), (long) values.size()), Topics.committed(KAFKA, "g3"));
    }

    @Test
    void settingsRejectAnUnknownOffsetReset() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> KafkaSourceSettings.of("127.0.0.1:1", List.of("t"), "g").autoOffsetReset("middle"));
        assertEquals("autoOffsetReset must be earliest or latest: middle", e.getMessage());
    }

    @Test
    void withRecordTimeTheFactorysEventTimeFollowsTheRecordTimestamps() throws Exception {
        KAFKA.createTopic("stamped", 1);
        var readings = readings(500, 20); // their own times are in 1970
        java.time.Instant before = java.time.Instant.now().minusSeconds(1);
        produce("stamped", readings);
        java.time.Instant after = java.time.Instant.now().plusSeconds(1);
        var factory = Factory.builder(new Doubling(), new Collected())
                .settings(FactorySettings.builder().eventTime(true).statusInterval(Duration.ZERO).build()).start();
        var source = KafkaSource.start(KafkaSourceSettings.of(KAFKA.bootstrapServers(), List.of("stamped"), "stamped").recordTime(true),
                DECODER, factory, poison -> { });
        Await.until(Duration.ofSeconds(60), () -> factory.stats().purchased() == readings.size() || source.failure().isPresent(),
                () -> "purchased " + factory.stats().purchased());
        var watermark = factory.stats().watermark();
        source.stopPurchasing();
        factory.close();
        source.close();
        assertTrue(!watermark.isBefore(before) && !watermark.isAfter(after),
                "watermark " + watermark + " is a record timestamp, between " + before + " and " + after);
    }

    /**
     * The group rebalances while a source closes: a member that stopped polling holds the rebalance
     * open (until its own {@code max.poll.interval.ms}), so the source's client is mid-rebalance when
     * its factory has drained. Its last commit must wait for the rebalance and then be made, not be
     * refused and dropped.
     */
    @Test
    void aSourceClosingWhileItsGroupRebalancesStillCommitsWhatItSettled() throws Exception {
        KAFKA.createTopic("busy", 2);
        var warehouse = new Collected();
        var factory = Factory.builder(new Doubling(), warehouse)
                .settings(FactorySettings.builder().contract(Duration.ofMillis(200)).statusInterval(Duration.ZERO).build()).start();
        var source = KafkaSource.start(KafkaSourceSettings.of(KAFKA.bootstrapServers(), List.of("busy"), "busy")
                .commitInterval(Duration.ofMillis(100)).with("heartbeat.interval.ms", "200"), DECODER, factory, poison -> { });
        try (var stalled = member("busy", "busy", "20000"); var joiner = member("busy", "busy", "300000")) {
            Await.until(Duration.ofSeconds(60), () -> assignment(stalled).size() == 1, () -> "the stalled member's assignment");
            // from here on it never polls: the next rebalance waits for it until its max.poll.interval.ms
            var joining = Thread.ofPlatform().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        joiner.poll(Duration.ofMillis(100));
                    } catch (org.apache.kafka.common.errors.InterruptException | org.apache.kafka.common.errors.WakeupException e) {
                        return;
                    }
                }
            });
            // records keep coming until the source says its group refused a commit for the rebalance
            var readings = readings(100_000, 50);
            var produced = new java.util.concurrent.atomic.AtomicInteger();
            Await.until(Duration.ofSeconds(60), () -> {
                if (source.stats().rebalancing()) {
                    return true;
                }
                int from = produced.get();
                if (from < readings.size()) {
                    produce("busy", readings.subList(from, from + 200));
                    produced.addAndGet(200);
                }
                return false;
            }, () -> "the source saw its group rebalance, " + produced + " records produced");
            source.stopPurchasing();
            factory.close();
            source.close();
            joiner.wakeup();
            joining.join();

            var owned = source.stats().committed().keySet();
            var ends = ends("busy");
            var committed = Topics.committed(KAFKA, "busy");
            long sourceRecords = 0;
            for (var tp : ends.keySet()) {
                if (owned.contains(tp.toString())) {
                    assertEquals(ends.get(tp), committed.get(tp), tp + ": its last offset was committed after the rebalance");
                    sourceRecords += ends.get(tp);
                }
            }
            assertEquals(1, owned.size(), "the source kept its one partition through the rebalance: " + owned);
            assertEquals(sourceRecords, warehouse.size());
        }
    }

    /** A plain member of {@code group} on {@code topic} with the source's protocol (cooperative); it commits nothing. */
    private static org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> member(String topic, String group,
            String maxPollIntervalMs) {
        var config = new HashMap<String, Object>();
        config.put("bootstrap.servers", KAFKA.bootstrapServers());
        config.put("group.id", group);
        config.put("enable.auto.commit", "false");
        config.put("auto.offset.reset", "earliest");
        config.put("max.poll.interval.ms", maxPollIntervalMs);
        config.put("partition.assignment.strategy", org.apache.kafka.clients.consumer.CooperativeStickyAssignor.class.getName());
        var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(config,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Polls {@code consumer} once and returns its assignment. */
    private static java.util.Set<TopicPartition> assignment(org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer) {
        consumer.poll(Duration.ofMillis(100));
        return consumer.assignment();
    }

    static Map<TopicPartition, Long> ends(String topic) {
        return ends(KAFKA, topic);
    }

    static Map<TopicPartition, Long> ends(KafkaBroker broker, String topic) {
        var result = new HashMap<TopicPartition, Long>();
        for (var record : Topics.readAll(broker.bootstrapServers(), topic)) {
            result.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
        }
        return result;
    }

    static Map<TopicPartition, Long> committed(String group) {
        return committed(KAFKA, group);
    }

    static Map<TopicPartition, Long> committed(KafkaBroker broker, String group) {
        try {
            return new HashMap<>(Topics.committed(broker, group));
        } catch (Exception e) {
            return Map.of();
        }
    }
}
