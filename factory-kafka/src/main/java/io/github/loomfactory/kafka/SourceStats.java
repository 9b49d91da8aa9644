package io.github.loomfactory.kafka;

import java.util.Map;

/**
 * A snapshot of a {@link KafkaSource}, refreshed by its consumer thread a few times a second.
 *
 * @param records records read from Kafka
 * @param poison records reported as {@link PoisonRecord}s
 * @param lag records behind: for every assigned partition, its end offset minus the group's
 *     committed offset, summed (what {@code kafka-consumer-groups --describe} calls lag)
 * @param committed per assigned partition ({@code topic-partition}), the offset last committed
 * @param paused partitions paused because the factory had no room for their next material
 * @param held records the paused partitions hold back, waiting for room (at most
 *     {@code max.poll.records} per partition)
 * @param assignments how many times the group assigned partitions to this source (1 while no
 *     rebalance happened since it joined)
 * @param unread records the broker holds beyond this source's positions, over its assigned
 *     partitions: from the last fetches while records come, from the broker's end offsets once
 *     none came for a second; -1 while the broker could not say
 * @param endChecks how many times the source asked the broker where its partitions end because
 *     no record came for a second (once a second while that lasts)
 * @param rebalancing whether the group is rebalancing and refused this source's last commit for
 *     it: commits wait until the group has given this source its partitions again
 */
public record SourceStats(long records, long poison, long lag, Map<String, Long> committed, int paused, long held, long assignments,
        long unread, long endChecks, boolean rebalancing) {

    /** Copies the map. */
    public SourceStats {
        committed = Map.copyOf(committed);
    }

    static final SourceStats NONE = new SourceStats(0, 0, 0, Map.of(), 0, 0, 0, 0, 0, false);
}
