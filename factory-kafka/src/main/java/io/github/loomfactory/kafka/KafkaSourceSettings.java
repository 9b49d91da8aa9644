package io.github.loomfactory.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The settings of a {@link KafkaSource}: brokers, topics, consumer group, where a group without a
 * committed offset starts, how often settled offsets are committed, and any consumer properties
 * passed through to Kafka as they are. Immutable.
 *
 * <p>The source always sets {@code enable.auto.commit=false} (it commits settled offsets itself);
 * properties given here override the other consumer defaults.
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers}, e.g. {@code "127.0.0.1:9092"}
 * @param topics the topics to subscribe to, at least one
 * @param groupId Kafka's {@code group.id}
 * @param autoOffsetReset Kafka's {@code auto.offset.reset}: {@code "earliest"} or {@code "latest"}
 *     (default {@code "earliest"})
 * @param commitInterval how often settled offsets are committed (asynchronously); default 1 s
 * @param properties further consumer properties, passed through
 * @param recordTime whether each material's event time is its record's timestamp (Kafka's
 *     {@code CreateTime} or {@code LogAppendTime}) rather than its own {@code eventTime()}; it
 *     matters to a factory on event time only; default false
 */
public record KafkaSourceSettings(String bootstrapServers, List<String> topics, String groupId, String autoOffsetReset,
        Duration commitInterval, Map<String, String> properties, boolean recordTime) {

    /** The default {@link #commitInterval()}: 1 s. */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofSeconds(1);

    /**
     * Validates and copies the settings.
     *
     * @throws NullPointerException if any argument is null
     * @throws IllegalArgumentException if a value is out of range; the message names it
     */
    public KafkaSourceSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(autoOffsetReset, "autoOffsetReset");
        Objects.requireNonNull(commitInterval, "commitInterval");
        topics = List.copyOf(topics);
        properties = Map.copyOf(properties);
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must name at least one broker, e.g. 127.0.0.1:9092");
        }
        if (topics.isEmpty() || topics.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("topics must name at least one topic, none blank: " + topics);
        }
        if (groupId.isBlank()) {
            throw new IllegalArgumentException("groupId must not be blank: the source commits its offsets for a consumer group");
        }
        autoOffsetReset = autoOffsetReset.toLowerCase(Locale.ROOT);
        if (!autoOffsetReset.equals("earliest") && !autoOffsetReset.equals("latest")) {
            throw new IllegalArgumentException("autoOffsetReset must be earliest or latest: " + autoOffsetReset);
        }
        if (commitInterval.isNegative() || commitInterval.isZero()) {
            throw new IllegalArgumentException("commitInterval must be positive: " + commitInterval);
        }
    }

    /**
     * Returns settings for group {@code groupId} on {@code topics}, starting from the earliest
     * offset where the group has none, committing every second.
     *
     * @param bootstrapServers Kafka's {@code bootstrap.servers}
     * @param topics the topics
     * @param groupId the consumer group
     * @return the settings
     */
    public static KafkaSourceSettings of(String bootstrapServers, List<String> topics, String groupId) {
        return new KafkaSourceSettings(bootstrapServers, topics, groupId, "earliest", DEFAULT_COMMIT_INTERVAL, Map.of(), false);
    }

    /**
     * Returns these settings with another {@code auto.offset.reset}.
     *
     * @param value {@code "earliest"} or {@code "latest"}
     * @return new settings
     */
    public KafkaSourceSettings autoOffsetReset(String value) {
        return new KafkaSourceSettings(bootstrapServers, topics, groupId, value, commitInterval, properties, recordTime);
    }

    /**
     * Returns these settings with another commit interval.
     *
     * @param value how often settled offsets are committed
     * @return new settings
     */
    public KafkaSourceSettings commitInterval(Duration value) {
        return new KafkaSourceSettings(bootstrapServers, topics, groupId, autoOffsetReset, value, properties, recordTime);
    }

    /**
     * Returns these settings with one more consumer property.
     *
     * @param key a Kafka consumer property, e.g. {@code "max.poll.interval.ms"}
     * @param value its value
     * @return new settings
     */
    public KafkaSourceSettings with(String key, String value) {
        var more = new TreeMap<>(properties);
        more.put(key, value);
        return new KafkaSourceSettings(bootstrapServers, topics, groupId, autoOffsetReset, commitInterval, more, recordTime);
    }

    /**
     * Returns these settings with the record timestamp as each material's event time, or not.
     *
     * @param value true to take the record's timestamp as the event time
     * @return new settings
     */
    public KafkaSourceSettings recordTime(boolean value) {
        return new KafkaSourceSettings(bootstrapServers, topics, groupId, autoOffsetReset, commitInterval, properties, value);
    }
}
