package io.github.loomfactory.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Factory processes in one consumer group and a crash: no product is ever lost; repeats are
 * counted and bounded. Each test prints its measured duplicates.
 */
class MultiProcessTest {
    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    private static final int PIDS = 200;

    @Test
    void killNineMidRunThenARestartLosesNothingAndRepeatsAtMostWhatFollowedTheLastCommit() throws Exception {
        KAFKA.createTopic("k9-in", 2);
        var readings = KafkaSourceTest.readings(20_000, PIDS);
        try (var children = new Children(logs())) {
            KafkaSourceTest.produce(KAFKA.bootstrapServers(), "k9-in", readings.subList(0, 10_000));
            var first = children.start("k9-first", KAFKA.bootstrapServers(), "k9-in", "k9", "k9-out-", "60000");
            Await.until(Duration.ofSeconds(120), () -> outputs("k9-out-") >= 3_000, () -> "output " + outputs("k9-out-"));
            KafkaSourceTest.produce(KAFKA.bootstrapServers(), "k9-in", readings.subList(10_000, 20_000));
            Await.until(Duration.ofSeconds(120), () -> outputs("k9-out-") >= 12_000, () -> "output " + outputs("k9-out-"));
            Children.kill9(first);
            Map<TopicPartition, Long> committed = KafkaSourceTest.committed(KAFKA, "k9");
            long outputAtKill = outputs("k9-out-");
            long uncommitted = readings.size() - committed.values().stream().mapToLong(Long::longValue).sum();

            var second = children.start("k9-second", KAFKA.bootstrapServers(), "k9-in", "k9", "k9-out-", "3000");
            Children.awaitExit(second, 180);
            long duplicates = checkEveryProduct("k9-out-", readings);
            System.out.printf("kill -9: %d products before the kill, %d records after the last commit %s, %d duplicates%n",
                    outputAtKill, uncommitted, committed, duplicates);
            assertTrue(duplicates <= uncommitted, duplicates + " duplicates, but only " + uncommitted + " records followed the last commit");
            assertEquals(KafkaSourceTest.ends(KAFKA, "k9-in"), KafkaSourceTest.committed(KAFKA, "k9"));
        }
    }

    /** Asserts that every reading's product is on the output topics; returns how many products are there twice or more. */
    private static long checkEveryProduct(String prefix, List<Reading> readings) {
        var counts = new HashMap<Doubled, Integer>();
        for (String pclass : List.of("c0", "c1")) {
            for (var record : Topics.readAll(KAFKA.bootstrapServers(), prefix + pclass)) {
                counts.merge(Doubled.decode(record.value()), 1, Integer::sum);
            }
        }
        long missing = readings.stream().filter(r -> !counts.containsKey(new Doubled(r.sensor(), r.seq(), r.value() * 2))).count();
        assertEquals(0, missing, missing + " products lost");
        assertEquals(readings.size(), counts.size(), "no product that no reading made");
        return counts.values().stream().mapToLong(n -> n - 1).sum();
    }

    /** Products on the output topics now. */
    private static long outputs(String prefix) {
        try (var admin = KAFKA.admin()) {
            long total = 0;
            for (String pclass : List.of("c0", "c1")) {
                var topic = prefix + pclass;
                var names = admin.listTopics().names().get();
                if (!names.contains(topic)) {
                    continue;
                }
                var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
                var request = new HashMap<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>();
                partitions.forEach(p -> request.put(new TopicPartition(topic, p.partition()), org.apache.kafka.clients.admin.OffsetSpec.latest()));
                for (var info : admin.listOffsets(request).all().get().values()) {
                    total += info.offset();
                }
            }
            return total;
        } catch (Exception e) {
            return 0;
        }
    }

    private static Path logs() throws java.io.IOException {
        Path dir = Path.of(System.getProperty("loom.build.directory", "target"), "children");
        return Files.createDirectories(dir);
    }
}
