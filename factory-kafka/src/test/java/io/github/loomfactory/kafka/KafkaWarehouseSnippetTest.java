package io.github.loomfactory.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.loomfactory.core.Factory;
import io.github.loomfactory.kafka.testing.KafkaBroker;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The snippet of {@link KafkaWarehouse}'s Javadoc ({@code {@snippet file=...}} takes it from here), compiled and run
 * against a throwaway broker: the snippet shows a broker of its own where this test uses {@link KafkaBroker}'s.
 */
@Timeout(240)
class KafkaWarehouseSnippetTest {
    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @Test
    void theSnippetsFactoryLeavesEveryProductOnItsPclassTopic() throws Exception {
        var blueprint = new Doubling();
        ProductEncoder<Doubled> encoder = Doubled.ENCODER;
        List<Reading> materials = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            materials.add(new Reading(i % 7, i / 7, i, 0));
        }
        // @start region="warehouse"
        var warehouse = KafkaWarehouse.create(KafkaWarehouseSettings.of(KAFKA.bootstrapServers(), "out-"), encoder); // @replace substring="KAFKA.bootstrapServers()" replacement='"127.0.0.1:9092"'
        try (var factory = Factory.builder(blueprint, warehouse).start()) {
            factory.purchaseAll(materials);
        } // every product acknowledged by the broker
        // @end

        Set<Doubled> written = new HashSet<>();
        for (String pclass : List.of("c0", "c1")) {
            Topics.readAll(KAFKA.bootstrapServers(), "out-" + pclass).forEach(record -> written.add(Doubled.decode(record.value())));
        }
        var expected = new HashSet<Doubled>();
        materials.forEach(r -> expected.add(new Doubled(r.sensor(), r.seq(), r.value() * 2)));
        assertEquals(expected, written);
    }
}
