package io.github.loomfactory.kafka;

import io.github.loomfactory.api.Material;

/**
 * How a {@link KafkaSource} turns a Kafka record into a material. Called on the source's one
 * consumer thread. A decoder that throws, or returns a material without a pid, makes the record a
 * {@link PoisonRecord}: reported, its offset settled, its partition never stalled.
 *
 * @param <M> the material type
 */
@FunctionalInterface
public interface MaterialDecoder<M extends Material> {

    /**
     * Decodes one record.
     *
     * @param record the record: its topic, partition, offset, timestamp, key and value
     * @return the material
     * @throws Exception if the record is no material; the message says why, in one line
     */
    M decode(KafkaRecord record) throws Exception;
}
