package io.github.loomfactory.kafka;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The settings of a {@link KafkaWarehouse}: where the brokers are, the topic prefix, and any
 * producer properties passed through to Kafka as they are. Immutable.
 *
 * <p>The warehouse always sets {@code enable.idempotence=true} and {@code acks=all}; properties
 * given here override the other producer defaults ({@code linger.ms=5},
 * {@code compression.type=lz4}).
 *
 * @param bootstrapServers Kafka's {@code bootstrap.servers}, e.g. {@code "127.0.0.1:9092"}
 * @param topicPrefix prepended to a pclass to name its topic; may be empty
 * @param properties further producer properties, passed through
 */
public record KafkaWarehouseSettings(String bootstrapServers, String topicPrefix, Map<String, String> properties) {

    /**
     * Validates and copies the settings.
     *
     * @throws NullPointerException if any argument is null
     * @throws IllegalArgumentException if {@code bootstrapServers} is blank
     */
    public KafkaWarehouseSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("bootstrapServers must name at least one broker, e.g. 127.0.0.1:9092");
        }
        properties = Map.copyOf(properties);
    }

    /**
     * Returns settings for brokers at {@code bootstrapServers} and topics {@code topicPrefix + pclass}.
     *
     * @param bootstrapServers Kafka's {@code bootstrap.servers}
     * @param topicPrefix the topic prefix
     * @return settings without further producer properties
     */
    public static KafkaWarehouseSettings of(String bootstrapServers, String topicPrefix) {
        return new KafkaWarehouseSettings(bootstrapServers, topicPrefix, Map.of());
    }

    /**
     * Returns these settings with one more producer property.
     *
     * @param key a Kafka producer property, e.g. {@code "linger.ms"}
     * @param value its value
     * @return new settings
     */
    public KafkaWarehouseSettings with(String key, String value) {
        var more = new TreeMap<>(properties);
        more.put(key, value);
        return new KafkaWarehouseSettings(bootstrapServers, topicPrefix, more);
    }
}
