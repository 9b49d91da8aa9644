/**
 * Loom Factory on Kafka: a Kafka source buys materials from a
 * consumer group and commits only settled offsets; {@link io.github.loomfactory.kafka.KafkaWarehouse}
 * writes each pclass to a topic.
 *
 * <p>kafka-clients has no module descriptor: it is the automatic module {@code kafka.clients}.
 */
module io.github.loomfactory.kafka {
    requires transitive io.github.loomfactory.core;
    requires kafka.clients;
    requires org.slf4j;

    exports io.github.loomfactory.kafka;
}
