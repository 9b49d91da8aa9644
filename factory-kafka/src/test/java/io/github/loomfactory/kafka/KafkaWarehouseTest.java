package io.github.loomfactory.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.loomfactory.core.Factory;
import io.github.loomfactory.core.FactorySettings;
import io.github.loomfactory.kafka.testing.KafkaBroker;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaWarehouseTest {
    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    @Test
    void everyProductLandsOnItsPclassTopicKeyedByPid() throws Exception {
        var readings = new ArrayList<Reading>();
        for (int i = 0; i < 5_000; i++) {
            readings.add(new Reading(i % 37, i / 37, i, 1_000L + i));
        }
        var warehouse = KafkaWarehouse.create(KafkaWarehouseSettings.of(KAFKA.bootstrapServers(), "wh1-"), Doubled.ENCODER);
        try (var factory = Factory.builder(new Doubling(), warehouse)
                .settings(FactorySettings.builder().contract(Duration.ofSeconds(5)).build()).start()) {
            factory.purchaseAll(readings);
        }
        Set<Doubled> written = new HashSet<>();
        for (String pclass : List.of("c0", "c1")) {
            for (var record : Topics.readAll(KAFKA.bootstrapServers(), "wh1-" + pclass)) {
                var product = Doubled.decode(record.value());
                assertEquals(pclass, product.pclass());
                assertEquals(Long.toString(product.pid()), new String(record.key(), StandardCharsets.UTF_8));
                written.add(product);
            }
        }
        var expected = new HashSet<Doubled>();
        readings.forEach(r -> expected.add(new Doubled(r.sensor(), r.seq(), r.value() * 2)));
        assertEquals(expected, written);
    }

    @Test
    void oneProductsRecordsKeepTheirOrderInTheirPartition() throws Exception {
        var readings = new ArrayList<Reading>();
        for (int i = 0; i < 2_000; i++) {
            readings.add(new Reading(i % 5, i / 5, i, 0));
        }
        var warehouse = KafkaWarehouse.create(KafkaWarehouseSettings.of(KAFKA.bootstrapServers(), "wh2-"), Doubled.ENCODER);
        try (var factory = Factory.builder(new Doubling(), warehouse).start()) {
            factory.purchaseAll(readings);
        }
        var last = new java.util.HashMap<Long, Long>();
        int count = 0;
        for (String pclass : List.of("c0", "c1")) {
            for (var record : Topics.readAll(KAFKA.bootstrapServers(), "wh2-" + pclass)) {
                var product = Doubled.decode(record.value());
                long previous = last.getOrDefault(product.pid(), -1L);
                assertEquals(previous + 1, product.seq(), "order of pid " + product.pid());
                last.put(product.pid(), product.seq());
                count++;
            }
        }
        assertEquals(readings.size(), count);
    }

    @Test
    void settingsNameTheMissingBrokers() {
        var e = assertThrows(IllegalArgumentException.class, () -> KafkaWarehouseSettings.of(" ", "p"));
        assertEquals("bootstrapServers must name at least one broker, e.g. 127.0.0.1:9092", e.getMessage());
    }
}
