/**
 * A Kafka source and a Kafka warehouse for the Loom Factory engine.
 *
 * <p>{@link io.github.loomfactory.kafka.KafkaSource} subscribes a consumer group to topics, decodes
 * each record into a material and purchases it with its partition and offset as a position; it
 * commits, per partition, only offsets below which every material is settled, so a crash or a
 * rebalance repeats products (at-least-once) but never loses one.
 * {@link io.github.loomfactory.kafka.KafkaWarehouse} writes pclass {@code P} to topic
 * {@code PREFIX + P}, keyed by pid, with an idempotent producer and {@code acks=all}.
 *
 * <p>Unless a type says otherwise, no method accepts or returns {@code null}.
 */
package io.github.loomfactory.kafka;
