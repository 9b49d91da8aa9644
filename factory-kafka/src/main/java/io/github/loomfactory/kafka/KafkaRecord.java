package io.github.loomfactory.kafka;

import java.time.Instant;

/**
 * A record as a {@link MaterialDecoder} sees it. The arrays are the consumer's: read, do not keep.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the offset in the partition
 * @param timestamp the record's timestamp (create or log-append time, as the topic says); a
 *     decoder whose material has no time of its own may take it as the material's event time
 * @param key the key bytes, or an empty array if the record has none
 * @param value the value bytes, or an empty array for a null value
 */
public record KafkaRecord(String topic, int partition, long offset, Instant timestamp, byte[] key, byte[] value) {
}
