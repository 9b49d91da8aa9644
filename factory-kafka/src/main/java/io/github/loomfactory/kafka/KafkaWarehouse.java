package io.github.loomfactory.kafka;

import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Shipment;
import io.github.loomfactory.api.Warehouse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A warehouse that writes each pclass {@code P} to the topic {@code PREFIX + P}, each product keyed
 * by its pid, through an idempotent producer with {@code acks=all}.
 *
 * <p>{@link #receive} sends the whole shipment, then waits until the broker has acknowledged every
 * record of it: when it returns, the products are durable, so the engine may count them shipped and
 * settle the materials they came from. If any record failed, it throws and the engine's driver
 * retries the shipment; records of the failed attempt that did reach the broker are then written
 * again (at-least-once: a consumer that needs exactly-once deduplicates on the key and content).
 * Called by the factory's single shipping thread; not thread-safe.
 *
 * {@snippet file="io/github/loomfactory/kafka/KafkaWarehouseSnippetTest.java" region="warehouse"}
 *
 * @param <P> the product type
 */
public final class KafkaWarehouse<P extends Product> implements Warehouse<P> {
    private final Producer<byte[], byte[]> producer;
    private final String prefix;
    private final ProductEncoder<P> encoder;
    private final String brokers;
    private final Map<String, String> topics = new HashMap<>();

    private KafkaWarehouse(KafkaWarehouseSettings settings, ProductEncoder<P> encoder) {
        this.prefix = settings.topicPrefix();
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.brokers = settings.bootstrapServers();
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.putAll(settings.properties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        this.producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Creates a warehouse and its producer.
     *
     * @param settings brokers, topic prefix, producer properties
     * @param encoder how products become record keys and values
     * @param <P> the product type
     * @return the warehouse; the factory closes it
     */
    public static <P extends Product> KafkaWarehouse<P> create(KafkaWarehouseSettings settings, ProductEncoder<P> encoder) {
        return new KafkaWarehouse<>(Objects.requireNonNull(settings, "settings"), encoder);
    }

    /** Returns the topic that pclass {@code pclass} is written to. */
    String topicOf(String pclass) {
        return topics.computeIfAbsent(pclass, p -> prefix + p);
    }

    @Override
    public void receive(Shipment<P> shipment) throws Exception {
        String topic = topicOf(shipment.pclass());
        var failure = new AtomicReference<Exception>();
        for (P product : shipment.products()) {
            byte[] key = encoder.key(product);
            var record = new ProducerRecord<>(topic, key.length == 0 ? null : key, encoder.value(product));
            producer.send(record, (metadata, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        producer.flush();
        Exception failed = failure.get();
        if (failed != null) {
            throw new KafkaException("kafka " + brokers + ": topic " + topic + " did not acknowledge a shipment of "
                    + shipment.size() + " products: " + failed, failed);
        }
    }

    /** Returns where the products go: {@code kafka://SERVERS/PREFIX<pclass>}. */
    @Override
    public String toString() {
        return "kafka://" + brokers + "/" + prefix + "<pclass>";
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
