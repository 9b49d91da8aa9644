package io.github.loomfactory.kafka;

import io.github.loomfactory.api.FactoryException;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.core.Factory;
import io.github.loomfactory.core.Lane;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buys materials from Kafka: a consumer group member that decodes each record into a material and
 * purchases it with its partition and offset as a position, committing only settled offsets.
 *
 * <p>Design. The {@link KafkaConsumer} lives on the source's one platform thread, which polls,
 * decodes and {@linkplain Factory#offer offers}; nothing else touches it. Each assigned partition is
 * a {@link Lane} of the factory. <em>Backpressure</em>: when the factory has no room for a
 * partition's next material, the source keeps the rest of that poll's records of the partition
 * (at most {@code max.poll.records}), pauses the partition and offers them again on later
 * rounds, resuming it once they are in; it never buffers more, and it keeps polling meanwhile,
 * so the group never evicts a slow factory for exceeding {@code max.poll.interval.ms}.
 * <em>Commits</em>: per partition, the lane's settled position only: asynchronously every
 * {@link KafkaSourceSettings#commitInterval()}, synchronously when partitions are revoked and on
 * {@link #close()} (which waits, polling, for a rebalance in progress to end, since a rejoining
 * member's commits are refused); nothing for partitions lost to the group. <em>Rebalances</em> are
 * cooperative by default ({@code CooperativeStickyAssignor}): the members that stay keep their
 * partitions. After a revocation the partition's
 * materials still in the factory are processed as usual, and the new owner may make their products
 * again: at-least-once. <em>Poison</em>: a record that does not decode (or decodes to a material
 * without a pid) goes to the poison handler with its topic, partition and offset and its offset is
 * {@linkplain Factory#pass passed}, so it settles at once and never stalls its partition.
 * <em>Outages</em>: the client reconnects by itself; a failed commit is logged and the next one
 * carries the same offsets, and partitions that the group reassigned in the meantime resume from
 * their last commit.
 *
 * <p>The end of a run: {@link #stopPurchasing()}, then close the factory (which drains, settling
 * everything it bought), then {@link #close()}, which commits the settled offsets and leaves the
 * group. Thread-safe.
 *
 * {@snippet file="io/github/loomfactory/kafka/KafkaSourceSnippetTest.java" region="source"}
 *
 * @param <M> the material type
 */
public final class KafkaSource<M extends Material> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSource.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration POLL_WHILE_HELD = Duration.ofMillis(5);
    private static final long STATS_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** How long without a record before the source asks the broker where its partitions end, and how often it asks then. */
    private static final long QUIET_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long the last commit waits for a rebalance to end before it gives up. */
    private static final long LAST_COMMIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final KafkaSourceSettings settings;
    private final MaterialDecoder<M> decoder;
    private final Factory<M, ?> factory;
    private final Consumer<? super PoisonRecord> poisonHandler;
    private final Thread thread;
    private final CountDownLatch stoppedPurchasing = new CountDownLatch(1);

    // states: PURCHASING -> HOLDING (polls on, every partition paused, offers nothing) -> CLOSING -> CLOSED
    private volatile boolean purchasing = true;
    private volatile boolean closing;
    private volatile SourceStats stats = SourceStats.NONE;
    private volatile long lastRecordNanos = System.nanoTime();
    /**
     * Records the broker holds beyond this consumer's positions, over its assigned partitions:
     * the more of what the last fetches said and, once records stop, what the broker's end
     * offsets say; -1 while the broker could not say.
     */
    private volatile long unread;
    private volatile boolean assigned;
    private volatile Throwable failure;

    // consumer thread only
    private KafkaConsumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, Lane> lanes = new HashMap<>();
    private final Map<TopicPartition, Held> held = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private long records;
    private long poison;
    private long nextStats;
    private long nextEndCheck;
    private long endChecks;
    /** What the last end check found behind the end offsets; -1 if the broker could not say (consumer thread only). */
    private long behindEnds;
    /** What the last fetches found behind their high watermarks (consumer thread only). */
    private long behindFetched;
    /** Per partition, the position at the last end check that found it behind (consumer thread only). */
    private final Map<TopicPartition, Long> behindAt = new HashMap<>();
    private long assignments;
    /** Whether the group refused the last commit because it rebalances (consumer thread only). */
    private boolean rebalancing;

    private KafkaSource(KafkaSourceSettings settings, MaterialDecoder<M> decoder, Factory<M, ?> factory,
            Consumer<? super PoisonRecord> poisonHandler) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.poisonHandler = Objects.requireNonNull(poisonHandler, "poisonHandler");
        this.thread = Thread.ofPlatform().name("kafka-source-" + settings.groupId()).unstarted(this::run);
    }

    /**
     * Starts a source that buys into {@code factory}: its consumer thread subscribes and polls
     * until {@link #close()}.
     *
     * @param settings brokers, topics, group, commits, consumer properties
     * @param decoder how records become materials
     * @param factory the factory to buy into; the source does not close it
     * @param poisonHandler who hears of records that are no material (called on the consumer thread)
     * @param <M> the material type
     * @return the running source
     */
    public static <M extends Material> KafkaSource<M> start(KafkaSourceSettings settings, MaterialDecoder<M> decoder,
            Factory<M, ?> factory, Consumer<? super PoisonRecord> poisonHandler) {
        var source = new KafkaSource<>(settings, decoder, factory, poisonHandler);
        source.thread.start();
        return source;
    }

    /**
     * Returns the latest snapshot of what this source read, committed and holds back.
     *
     * @return the stats, at most a quarter of a second old
     */
    public SourceStats stats() {
        return stats;
    }

    /**
     * Returns how long ago the last poll returned a record, or the group last assigned partitions to
     * this source, or records last waited for room in the factory (a paused partition's), whichever
     * came later; zero until the first assignment (a source that waits for its group to take it in
     * is not idle, and neither is one whose factory holds it back), and zero while the broker holds
     * records of an assigned partition that this source has not read yet (after a rebalance, say):
     * once no record came for a second, the source asks the broker where its partitions end, once
     * a second, and it is not idle while the broker cannot say.
     *
     * @return the time since a record (or an assignment) last arrived
     */
    public Duration idle() {
        if (!assigned || unread != 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(System.nanoTime() - lastRecordNanos);
    }

    /**
     * Returns the failure that stopped the consumer thread, if one did.
     *
     * @return the failure, or empty while the source runs (or ran) well
     */
    public java.util.Optional<Throwable> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    /**
     * Stops buying: the consumer thread pauses every partition and offers nothing more, but keeps
     * polling (so the group keeps it) until {@link #close()}. Returns once no offer is in flight, so
     * the factory may be closed next. Idempotent.
     *
     * @throws InterruptedException if interrupted while waiting for the consumer thread
     */
    public void stopPurchasing() throws InterruptedException {
        purchasing = false;
        wakeup();
        if (!stoppedPurchasing.await(60, TimeUnit.SECONDS) && thread.isAlive()) {
            throw new KafkaException("kafka " + settings.bootstrapServers() + ": the consumer thread did not stop purchasing in 60 s",
                    null);
        }
    }

    /**
     * Commits every settled offset synchronously, leaves the group and closes the consumer; waits
     * for the consumer thread to end. If the group is rebalancing, the commit first waits for the
     * rebalance to end (at most 30 s). Close the factory first, so that its drain has settled what
     * it bought. Idempotent.
     */
    @Override
    public void close() {
        purchasing = false;
        closing = true;
        wakeup();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void wakeup() {
        var running = consumer;
        if (running != null) {
            running.wakeup();
        }
    }

    // ---------------------------------------------------------------- the consumer thread

    private void run() {
        try {
            consumer = new KafkaConsumer<>(config(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(settings.topics(), new Rebalance());
            long nextCommit = System.nanoTime() + settings.commitInterval().toNanos();
            while (!closing) {
                if (!purchasing) {
                    holdEverything();
                } else {
                    offerHeld();
                    if (!held.isEmpty()) {
                        lastRecordNanos = System.nanoTime(); // held back, not idle: the records wait for room
                    }
                }
                poll();
                long now = System.nanoTime();
                if (now - nextCommit >= 0) {
                    commitAsync();
                    nextCommit = now + settings.commitInterval().toNanos();
                }
                if (now - nextStats >= 0) {
                    publishStats();
                    nextStats = now + STATS_NANOS;
                }
                if (purchasing && now - lastRecordNanos >= QUIET_NANOS && now - nextEndCheck >= 0) {
                    checkEnds();
                    nextEndCheck = now + QUIET_NANOS;
                }
            }
            holdEverything();
            commitBeforeLeaving();
            publishStats();
        } catch (RuntimeException | Error e) {
            failure = e;
            LOG.error("kafka {}: the source of group {} stopped: {}", settings.bootstrapServers(), settings.groupId(), e.toString(), e);
        } finally {
            stoppedPurchasing.countDown();
            if (consumer != null) {
                try {
                    consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(10)));
                } catch (RuntimeException e) {
                    LOG.warn("kafka {}: closing the consumer of group {} failed: {}", settings.bootstrapServers(), settings.groupId(),
                            e.toString());
                }
            }
        }
    }

    private Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        // incremental rebalances: a member that comes or goes moves only its own partitions, so the
        // others keep theirs (and their commits) while they drain
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        config.putAll(settings.properties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, settings.autoOffsetReset());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return config;
    }

    private void poll() {
        List<ConsumerRecord<byte[], byte[]>> none = List.of();
        org.apache.kafka.clients.consumer.ConsumerRecords<byte[], byte[]> polled;
        try {
            polled = consumer.poll(held.isEmpty() ? POLL : POLL_WHILE_HELD);
        } catch (WakeupException woken) {
            return;
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.interrupted();
            return;
        } catch (org.apache.kafka.common.KafkaException e) {
            if (e instanceof org.apache.kafka.common.errors.RetriableException) {
                LOG.warn("kafka {}: poll failed, retrying: {}", settings.bootstrapServers(), e.toString());
                return;
            }
            throw e;
        }
        if (polled.isEmpty()) {
            return;
        }
        lastRecordNanos = System.nanoTime();
        records += polled.count();
        for (TopicPartition tp : polled.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> list = polled.records(tp);
            Held waiting = held.get(tp);
            if (waiting != null || !purchasing) {
                hold(tp, list, 0, waiting);
                continue;
            }
            offerAll(tp, list == null ? none : list);
        }
    }

    private void offerAll(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> list) {
        Lane lane = laneOf(tp, list);
        if (lane == null) {
            return; // revoked in this very poll: the new owner reads them
        }
        for (int i = 0; i < list.size(); i++) {
            var record = list.get(i);
            M material = decode(record, lane);
            if (material != null && !offer(material, lane, record)) {
                var waiting = new Held(new ArrayList<>(list.subList(i, list.size())), material);
                held.put(tp, waiting);
                consumer.pause(List.of(tp));
                return;
            }
        }
    }

    private void hold(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> list, int from, Held waiting) {
        if (laneOf(tp, list) == null) {
            return;
        }
        if (waiting == null) {
            held.put(tp, new Held(new ArrayList<>(list.subList(from, list.size())), null));
        } else {
            waiting.records.addAll(list.subList(from, list.size()));
        }
        consumer.pause(List.of(tp));
    }

    /**
     * Returns the lane of an assigned partition; opens it at the first record's offset (the
     * consumer's position) if the assignment could not open it; null for a partition no longer
     * assigned.
     */
    private Lane laneOf(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> list) {
        Lane lane = lanes.get(tp);
        if (lane == null && consumer.assignment().contains(tp) && !list.isEmpty()) {
            lane = factory.openLane(tp.toString(), list.getFirst().offset());
            lanes.put(tp, lane);
            committed.remove(tp);
        }
        return lane;
    }

    /** Offers what paused partitions hold; resumes each one whose records are all in. */
    private void offerHeld() {
        if (held.isEmpty()) {
            return;
        }
        var done = new ArrayList<TopicPartition>();
        for (var entry : held.entrySet()) {
            TopicPartition tp = entry.getKey();
            Held waiting = entry.getValue();
            Lane lane = lanes.get(tp);
            if (lane == null) {
                done.add(tp);
                continue;
            }
            boolean stuck = false;
            while (waiting.next < waiting.records.size()) {
                var record = waiting.records.get(waiting.next);
                M material = waiting.head != null ? waiting.head : decode(record, lane);
                waiting.head = null;
                if (material != null && !offer(material, lane, record)) {
                    waiting.head = material;
                    stuck = true;
                    break;
                }
                waiting.next++;
            }
            if (!stuck) {
                done.add(tp);
            }
        }
        for (TopicPartition tp : done) {
            held.remove(tp);
        }
        var resume = done.stream().filter(lanes::containsKey).toList();
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    private boolean offer(M material, Lane lane, ConsumerRecord<byte[], byte[]> record) {
        try {
            return settings.recordTime() && record.timestamp() >= 0
                    ? factory.offer(material, lane, record.offset(), Instant.ofEpochMilli(record.timestamp()))
                    : factory.offer(material, lane, record.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("kafka source of group " + settings.groupId() + " interrupted while purchasing", e);
        } catch (IllegalStateException | FactoryException e) {
            // the factory closed or failed: buy nothing more; what is held stays uncommitted
            purchasing = false;
            LOG.warn("kafka source of group {} stops purchasing: {}", settings.groupId(), e.toString());
            return false;
        }
    }

    /** Decodes a record, or reports it as poison, passes its offset and returns null. */
    private M decode(ConsumerRecord<byte[], byte[]> record, Lane lane) {
        String problem;
        try {
            var view = new KafkaRecord(record.topic(), record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                    record.key() == null ? new byte[0] : record.key(), record.value() == null ? new byte[0] : record.value());
            M material = decoder.decode(view);
            if (material == null) {
                problem = "the decoder returned no material";
            } else if (material.pid() == null) {
                problem = "the material has no pid (pid() returned null): " + material;
            } else {
                return material;
            }
        } catch (Exception e) {
            problem = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        poison++;
        var bad = new PoisonRecord(record.topic(), record.partition(), record.offset(), problem.replace('\n', ' ').replace('\r', ' '),
                record.value() == null ? new byte[0] : record.value());
        try {
            poisonHandler.accept(bad);
        } catch (RuntimeException e) {
            LOG.error("poison handler failed on {}", bad.address(), e);
        }
        factory.pass(lane, record.offset());
        return null;
    }

    /** Pauses every assigned partition (the source buys nothing more) and says so once. */
    private void holdEverything() {
        if (consumer.assignment().size() > consumer.paused().size()) {
            consumer.pause(consumer.assignment());
        }
        stoppedPurchasing.countDown();
    }

    /**
     * The last commit, once the factory drained: a group that is rebalancing (another member came or
     * went at the same moment) refuses commits until this member has rejoined, so the source polls,
     * everything paused, until the rebalance is over, and commits what it still owns; for at most
     * {@link #LAST_COMMIT_NANOS}.
     */
    private void commitBeforeLeaving() {
        long deadline = System.nanoTime() + LAST_COMMIT_NANOS;
        while (true) {
            try {
                commitSync(lanes.keySet());
                return;
            } catch (RebalanceInProgressException refused) {
                if (System.nanoTime() - deadline >= 0) {
                    LOG.warn("kafka {}: group {} kept rebalancing for {} s: the last offsets of {} stay uncommitted, their next owner"
                            + " repeats their products", settings.bootstrapServers(), settings.groupId(),
                            TimeUnit.NANOSECONDS.toSeconds(LAST_COMMIT_NANOS), lanes.keySet());
                    return;
                }
                LOG.debug("kafka {}: group {} is rebalancing; the last commit waits for it", settings.bootstrapServers(), settings.groupId());
                poll();
                holdEverything(); // what the rebalance assigned stays paused
            }
        }
    }

    /** Commits, asynchronously, the settled offsets of the assigned partitions that moved since their last commit. */
    private void commitAsync() {
        Map<TopicPartition, OffsetAndMetadata> offsets = due(lanes.keySet());
        if (!offsets.isEmpty()) {
            consumer.commitAsync(offsets, (done, e) -> {
                if (e instanceof RebalanceInProgressException) {
                    rebalancing = true; // expected while members come and go: the next commit after it carries the offsets
                    LOG.debug("kafka {}: group {} rebalances; the commit waits for it", settings.bootstrapServers(), settings.groupId());
                    return;
                }
                if (e != null) {
                    LOG.warn("kafka {}: group {} could not commit, the next commit carries the offsets again: {}",
                            settings.bootstrapServers(), settings.groupId(), e.toString());
                    return;
                }
                rebalancing = false;
                done.forEach((tp, om) -> {
                    if (lanes.containsKey(tp)) {
                        committed.merge(tp, om.offset(), Math::max);
                    }
                });
            });
        }
    }

    /**
     * Commits synchronously what {@link #due} finds; a failure other than a rebalance is logged (the
     * next commit carries the offsets again).
     *
     * @throws RebalanceInProgressException if the group is rebalancing and this member has not rejoined yet
     */
    private void commitSync(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = due(partitions);
        while (!offsets.isEmpty()) {
            try {
                consumer.commitSync(offsets, Duration.ofSeconds(30));
                offsets.forEach((tp, om) -> committed.put(tp, om.offset()));
                rebalancing = false;
                return;
            } catch (WakeupException woken) {
                offsets = due(partitions);
            } catch (RebalanceInProgressException e) {
                rebalancing = true;
                throw e;
            } catch (org.apache.kafka.common.KafkaException e) {
                LOG.warn("kafka {}: group {} could not commit {}: {}", settings.bootstrapServers(), settings.groupId(), offsets, e.toString());
                return;
            }
        }
    }

    /** The settled offsets of {@code partitions} that moved since their last commit. */
    private Map<TopicPartition, OffsetAndMetadata> due(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : partitions) {
            Lane lane = lanes.get(tp);
            if (lane == null) {
                continue;
            }
            long settled = lane.settled();
            Long last = committed.get(tp);
            if (last == null || settled > last) {
                offsets.put(tp, new OffsetAndMetadata(settled));
            }
        }
        return offsets;
    }

    private void publishStats() {
        long lag = 0;
        long behindPositions = 0;
        var positions = new TreeMap<String, Long>();
        for (TopicPartition tp : lanes.keySet()) {
            Long last = committed.get(tp);
            if (last != null) {
                positions.put(tp.toString(), last);
            }
            var behind = consumer.currentLag(tp);
            if (behind.isPresent()) {
                behindPositions += behind.getAsLong();
                try {
                    long position = consumer.position(tp, Duration.ZERO);
                    lag += behind.getAsLong() + position - (last == null ? position : last);
                } catch (org.apache.kafka.common.KafkaException unknownYet) {
                    lag += behind.getAsLong();
                }
            }
        }
        long waiting = 0;
        for (Held h : held.values()) {
            waiting += h.records.size() - h.next;
        }
        behindFetched = behindPositions;
        updateUnread();
        stats = new SourceStats(records, poison, lag, positions, held.size(), waiting, assignments, unread, endChecks, rebalancing);
    }

    /**
     * Asks the broker where the assigned partitions end and sets {@link #unread} from that, so that
     * a quiet source is idle only once it has read everything the broker holds for it, whatever
     * the consumer's fetches say. A partition behind its end that is neither paused for room nor
     * moved since the last check is sought to its position again (a fetch that stopped: this
     * restarts it) and said in the log.
     */
    private void checkEnds() {
        endChecks++;
        var assignment = consumer.assignment();
        if (assignment.isEmpty()) {
            behindEnds = 0;
            updateUnread();
            return;
        }
        Map<TopicPartition, Long> ends;
        try {
            ends = consumer.endOffsets(assignment, Duration.ofSeconds(5));
        } catch (WakeupException woken) {
            return;
        } catch (org.apache.kafka.common.KafkaException e) {
            behindEnds = -1; // the broker cannot say: not idle
            updateUnread();
            LOG.debug("kafka {}: no end offsets for {}: {}", settings.bootstrapServers(), assignment, e.toString());
            return;
        }
        long behind = 0;
        var paused = consumer.paused();
        for (TopicPartition tp : assignment) {
            Long end = ends.get(tp);
            long position;
            try {
                position = consumer.position(tp, Duration.ZERO);
            } catch (org.apache.kafka.common.KafkaException unknownYet) {
                behind += 1; // no position yet: not read to its end
                continue;
            }
            if (end == null || position >= end) {
                behindAt.remove(tp);
                continue;
            }
            behind += end - position;
            Long before = behindAt.put(tp, position);
            if (before != null && before == position && !paused.contains(tp) && !held.containsKey(tp)) {
                LOG.warn("kafka {}: {} is {} records behind its end at offset {} and has not moved in a second: fetching it again",
                        settings.bootstrapServers(), tp, end - position, position);
                consumer.seek(tp, position);
            }
        }
        behindAt.keySet().retainAll(assignment);
        behindEnds = behind;
        updateUnread();
    }

    /** Sets {@link #unread}: what the fetches say and, once records stopped, the more of that and the end offsets. */
    private void updateUnread() {
        boolean quiet = System.nanoTime() - lastRecordNanos >= QUIET_NANOS;
        if (!quiet) {
            behindEnds = 0; // records flow: the next quiet second asks again
        }
        unread = behindEnds < 0 ? -1 : Math.max(behindFetched, behindEnds);
    }

    /** The records of one paused partition that wait for room, and the decoded material at their head. */
    private final class Held {
        final List<ConsumerRecord<byte[], byte[]>> records;
        M head;
        int next;

        Held(List<ConsumerRecord<byte[], byte[]>> records, M head) {
            this.records = records;
            this.head = head;
        }
    }

    /** Opens a lane per assigned partition; commits and closes the lanes of revoked ones; forgets lost ones. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            try {
                commitSync(partitions);
            } catch (RebalanceInProgressException refused) {
                LOG.warn("kafka {}: group {} could not commit {} while it rebalances: {}", settings.bootstrapServers(), settings.groupId(),
                        partitions, refused.toString());
            }
            forget(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            var uncommitted = due(partitions);
            if (!uncommitted.isEmpty()) {
                LOG.warn("kafka {}: group {} lost {} without committing {}: their next owner resumes from the last commit",
                        settings.bootstrapServers(), settings.groupId(), partitions, uncommitted);
            }
            forget(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                try {
                    long start = consumer.position(tp, Duration.ofSeconds(30));
                    lanes.put(tp, factory.openLane(tp.toString(), start));
                    committed.put(tp, start);
                } catch (WakeupException | org.apache.kafka.common.errors.TimeoutException e) {
                    // the lane opens with the partition's first record (laneOf)
                    LOG.debug("kafka {}: no position of {} yet: {}", settings.bootstrapServers(), tp, e.toString());
                }
            }
            if (!purchasing) {
                consumer.pause(partitions);
            }
            assignments++;
            rebalancing = false;
            lastRecordNanos = System.nanoTime();
            assigned = true;
        }

        private void forget(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                Lane lane = lanes.remove(tp);
                if (lane != null) {
                    lane.close();
                }
                held.remove(tp);
                committed.remove(tp);
            }
        }
    }
}
