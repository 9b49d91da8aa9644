package io.github.loomfactory.kafka;

/**
 * A record that is no material: it did not decode, or its material has no pid. A
 * {@link KafkaSource} reports it to its handler and settles its offset, so it never stalls its
 * partition.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the record's offset
 * @param reason why it is no material, in one line
 * @param value the record's value bytes (empty for a null value)
 */
public record PoisonRecord(String topic, int partition, long offset, String reason, byte[] value) {

    /**
     * Returns where the record is: {@code topic-partition@offset}.
     *
     * @return the record's address
     */
    public String address() {
        return topic + "-" + partition + "@" + offset;
    }
}
