package io.github.loomfactory.kafka;

import io.github.loomfactory.kafka.testing.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Test helpers that write and read whole topics with plain clients. */
final class Topics {
    private Topics() {
    }

    /**
     * Produces {@code values} to {@code topic} and returns once the broker acknowledged every one:
     * a record whose send failed (a whole batch can, on a loaded machine or right after a broker
     * restart) is sent again, once, and a second failure fails the test naming its cause. A test
     * that checks "no product lost" must know that every record it counts is on the topic.
     */
    static <T> void produce(String brokers, String topic, List<T> values, Function<T, byte[]> key, Function<T, byte[]> value) {
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

    /** Reads every record of {@code topic} from the beginning to its end offsets as they are now. */
    static List<ConsumerRecord<byte[], byte[]>> readAll(String brokers, String topic) {
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            var records = new ArrayList<ConsumerRecord<byte[], byte[]>>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end in 60 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** Returns the committed offsets of {@code group} on {@code topic}'s partitions. */
    static Map<TopicPartition, Long> committed(KafkaBroker broker, String group) throws Exception {
        {
            var offsets = broker.sharedAdmin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, java.util.concurrent.TimeUnit.SECONDS);
            var result = new java.util.TreeMap<TopicPartition, Long>(java.util.Comparator.comparing(TopicPartition::toString));
            offsets.forEach((tp, om) -> {
                if (om != null) {
                    result.put(tp, om.offset());
                }
            });
            return result;
        }
    }
}
