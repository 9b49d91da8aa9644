package io.github.loomfactory.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.kafka.testing.KafkaBroker;
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
 * Factory processes in one consumer group, a crash, members joining, and a broker outage: no
 * product is ever lost; repeats are counted (and bounded where a commit bounds them). Each test
 * prints its measured duplicates. The children run {@link Doubling}, which keeps nothing, so
 * their commits trail their shipments closely.
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
            // the second half keeps coming while the first has been committed: the kill falls mid-run, after a commit
            var feed = Thread.ofPlatform().start(() -> producePaced("k9-in", readings.subList(10_000, 20_000)));
            Await.until(Duration.ofSeconds(120), () -> outputs("k9-out-") >= 12_000 && committedTotal("k9") >= 5_000,
                    () -> "output " + outputs("k9-out-") + ", committed " + committedTotal("k9"));
            Children.kill9(first);
            Map<TopicPartition, Long> committed = KafkaSourceTest.committed(KAFKA, "k9");
            long outputAtKill = outputs("k9-out-");
            long uncommitted = readings.size() - committed.values().stream().mapToLong(Long::longValue).sum();
            feed.join(120_000);
            assertTrue(outputAtKill < readings.size(), "the kill fell after the run: " + outputAtKill + " products");

            var second = children.start("k9-second", KAFKA.bootstrapServers(), "k9-in", "k9", "k9-out-", "3000");
            Children.awaitExit(second, 180);
            long duplicates = checkEveryProduct("k9-out-", readings);
            System.out.printf("kill -9: %d products before the kill, %d records after the last commit %s, %d duplicates%n",
                    outputAtKill, uncommitted, committed, duplicates);
            assertTrue(duplicates <= uncommitted, duplicates + " duplicates, but only " + uncommitted + " records followed the last commit");
            assertEquals(KafkaSourceTest.ends(KAFKA, "k9-in"), KafkaSourceTest.committed(KAFKA, "k9"), () -> childReport("k9-"));
        }
    }

    @Test
    void aSecondFactoryJoiningMidRunLosesNoProduct() throws Exception {
        KAFKA.createTopic("join-in", 4);
        var readings = KafkaSourceTest.readings(20_000, PIDS);
        try (var children = new Children(logs())) {
            KafkaSourceTest.produce(KAFKA.bootstrapServers(), "join-in", readings.subList(0, 6_000));
            var first = children.start("join-first", KAFKA.bootstrapServers(), "join-in", "join", "join-out-", "8000");
            Await.until(Duration.ofSeconds(120), () -> outputs("join-out-") >= 3_000, () -> "output " + outputs("join-out-"));
            // the first keeps getting records while the second starts and joins, and after
            var feed = Thread.ofPlatform().start(() -> producePaced("join-in", readings.subList(6_000, 12_000)));
            var second = children.start("join-second", KAFKA.bootstrapServers(), "join-in", "join", "join-out-", "8000");
            awaitAssignedMembers("join", 2, java.util.Set.of());
            feed.join(120_000);
            producePaced("join-in", readings.subList(12_000, 20_000));
            Children.awaitExit(first, 180);
            Children.awaitExit(second, 180);
            long duplicates = checkEveryProduct("join-out-", readings);
            System.out.printf("second joiner: %d records, first purchased %d, second %d, %d duplicates%n", readings.size(),
                    purchased("join-first"), purchased("join-second"), duplicates);
            assertTrue(purchased("join-second") > 0, "the second factory took part");
            assertEquals(KafkaSourceTest.ends(KAFKA, "join-in"), KafkaSourceTest.committed(KAFKA, "join"), () -> childReport("join-"));
        }
    }

    @Test
    void threeFactoriesOneKilledAndAFourthAddedLoseNoProduct() throws Exception {
        KAFKA.createTopic("three-in", 6);
        var readings = KafkaSourceTest.readings(24_000, PIDS);
        try (var children = new Children(logs())) {
            var members = new java.util.ArrayList<Process>();
            for (int i = 1; i <= 3; i++) {
                members.add(children.start("three-" + i, KAFKA.bootstrapServers(), "three-in", "three", "three-out-", "12000"));
            }
            var firstMembers = awaitAssignedMembers("three", 3, java.util.Set.of());
            var feed = Thread.ofPlatform().start(() -> producePaced("three-in", readings.subList(0, 12_000)));
            Await.until(Duration.ofSeconds(120), () -> outputs("three-out-") >= 4_000, () -> "output " + outputs("three-out-"));
            Children.kill9(members.removeFirst());
            long outputAtKill = outputs("three-out-");
            members.add(children.start("three-4", KAFKA.bootstrapServers(), "three-in", "three", "three-out-", "12000"));
            feed.join(120_000);
            // the killed member's partitions go to the others once its session expires; the fourth joins
            awaitAssignedMembers("three", 3, firstMembers);
            producePaced("three-in", readings.subList(12_000, 24_000));
            for (Process member : members) {
                Children.awaitExit(member, 240);
            }
            long duplicates = checkEveryProduct("three-out-", readings);
            System.out.printf("three, one killed, a fourth added: %d records, %d products before the kill, purchased by"
                    + " three-2 %d, three-3 %d, three-4 %d; %d duplicates%n", readings.size(), outputAtKill, purchased("three-2"),
                    purchased("three-3"), purchased("three-4"), duplicates);
            assertTrue(purchased("three-4") > 0, "the fourth factory took part");
            assertEquals(KafkaSourceTest.ends(KAFKA, "three-in"), KafkaSourceTest.committed(KAFKA, "three"), () -> childReport("three-"));
        }
    }

    /** Produces {@code readings} in slices of 500 every 100 ms, so that a run keeps receiving while members come and go. */
    private static void producePaced(String topic, List<Reading> readings) {
        for (int from = 0; from < readings.size(); from += 500) {
            KafkaSourceTest.produce(KAFKA.bootstrapServers(), topic, readings.subList(from, Math.min(readings.size(), from + 500)));
            try {
                Thread.sleep(100); // pacing only: no outcome depends on it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Waits until {@code group} is stable with exactly {@code n} members, each assigned a partition,
     * one at least not among {@code before} (unless that is empty); returns the members' ids.
     */
    private static java.util.Set<String> awaitAssignedMembers(String group, int n, java.util.Set<String> before)
            throws InterruptedException {
        var ids = new java.util.concurrent.atomic.AtomicReference<java.util.Set<String>>(java.util.Set.of());
        Await.until(Duration.ofSeconds(120), () -> {
            try {
                var description = KAFKA.sharedAdmin().describeConsumerGroups(List.of(group)).all().get().get(group);
                var members = description.members();
                ids.set(members.stream().map(m -> m.consumerId()).collect(java.util.stream.Collectors.toSet()));
                return description.groupState() == org.apache.kafka.common.GroupState.STABLE && members.size() == n
                        && members.stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty())
                        && (before.isEmpty() || !before.containsAll(ids.get()));
            } catch (Exception notYet) {
                return false;
            }
        }, () -> "group " + group + " with " + n + " assigned members, one new: " + ids.get() + " before " + before);
        return ids.get();
    }

    /** What the child {@code name} said it purchased in its last line; -1 if it did not finish. */
    private static long purchased(String name) {
        try {
            var matcher = java.util.regex.Pattern.compile("done: purchased (\\d+)")
                    .matcher(Files.readString(logs().resolve(name + ".log")));
            long result = -1;
            while (matcher.find()) {
                result = Long.parseLong(matcher.group(1));
            }
            return result;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    @Test
    void aBrokerRestartMidRunLosesNothingAccepted() throws Exception {
        KAFKA.createTopic("outage-in", 2);
        var readings = KafkaSourceTest.readings(20_000, PIDS);
        try (var children = new Children(logs())) {
            KafkaSourceTest.produce(KAFKA.bootstrapServers(), "outage-in", readings.subList(0, 10_000));
            var factory = children.start("outage", KAFKA.bootstrapServers(), "outage-in", "outage", "outage-out-", "30000");
            // the first commits came: the outage then tests that they hold, not only that nothing is lost
            Await.until(Duration.ofSeconds(300), () -> committedTotal("outage") >= 3_000, () -> "committed " + committedTotal("outage"));
            long committedAtStop = committedTotal("outage");
            long before = System.nanoTime();
            KAFKA.stop();
            KAFKA.start();
            long outage = (System.nanoTime() - before) / 1_000_000;
            KafkaSourceTest.produce(KAFKA.bootstrapServers(), "outage-in", readings.subList(10_000, 20_000));
            Children.awaitExit(factory, 240);
            long duplicates = checkEveryProduct("outage-out-", readings);
            System.out.printf("broker restart: %d records, %d committed when it stopped, broker down for %d ms, %d duplicates%n",
                    readings.size(), committedAtStop, outage, duplicates);
            assertTrue(duplicates <= 10_000 - committedAtStop, duplicates + " duplicates, but only " + (10_000 - committedAtStop)
                    + " records were uncommitted when the broker stopped");
            assertEquals(KafkaSourceTest.ends(KAFKA, "outage-in"), KafkaSourceTest.committed(KAFKA, "outage"), () -> childReport("outage"));
        }
    }

    /** What the children named {@code prefix}... said of their ends and troubles, one line each: for a failure's message. */
    private static String childReport(String prefix) {
        var report = new StringBuilder("uncommitted after every child ended; the children said:");
        try (var logs = Files.list(logs())) {
            for (Path log : logs.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList()) {
                for (String line : Files.readAllLines(log)) {
                    if (line.contains(" WARN ") || line.contains(" ERROR ") || line.contains("done: ") || line.contains("failed: ")) {
                        report.append(System.lineSeparator()).append(log.getFileName()).append(": ").append(line);
                    }
                }
            }
        } catch (java.io.IOException e) {
            report.append(" (their logs could not be read: ").append(e).append(')');
        }
        return report.toString();
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

    /** The sum of {@code group}'s committed offsets now; zero if none. */
    private static long committedTotal(String group) {
        return KafkaSourceTest.committed(KAFKA, group).values().stream().mapToLong(Long::longValue).sum();
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
