package io.github.loomfactory.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.loomfactory.core.Factory;
import io.github.loomfactory.kafka.testing.KafkaBroker;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snippet of {@link KafkaSource}'s Javadoc ({@code {@snippet file=...}} takes it from here), compiled and run
 * against a throwaway broker: the snippet shows a broker of its own where this test uses {@link KafkaBroker}'s, and
 * "until done" where this test waits until every record is purchased.
 */
@Timeout(240)
class KafkaSourceSnippetTest {
    @RegisterExtension
    static final KafkaBroker KAFKA = new KafkaBroker();

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSourceSnippetTest.class);

    @Test
    void theSnippetsSourceMakesOneProductPerRecordAndCommitsWhatTheDrainSettled() throws Exception {
        KAFKA.createTopic("orders", 2);
        List<Reading> readings = KafkaSourceTest.readings(2_000, 50);
        KafkaSourceTest.produce(KAFKA.bootstrapServers(), "orders", readings);
        var blueprint = new Doubling();
        var warehouse = new Collected();
        MaterialDecoder<Reading> decoder = record -> Reading.decode(record.value());

        // @start region="source"
        var factory = Factory.builder(blueprint, warehouse).start();
        var source = KafkaSource.start(KafkaSourceSettings.of(KAFKA.bootstrapServers(), List.of("orders"), "billing"), // @replace substring="KAFKA.bootstrapServers()" replacement='"127.0.0.1:9092"'
                decoder, factory, poison -> LOG.warn("skipped {}: {}", poison.address(), poison.reason()));
        Await.until(Duration.ofSeconds(60), () -> factory.stats().purchased() == readings.size() || source.failure().isPresent(), () -> "purchased " + factory.stats().purchased()); // @replace regex="Await\.until.*" replacement="// ... until done"
        source.stopPurchasing();
        factory.close();
        source.close(); // commits what the drain settled
        // @end

        assertEquals(Optional.empty(), source.failure());
        var expected = new HashSet<Doubled>();
        readings.forEach(r -> expected.add(new Doubled(r.sensor(), r.seq(), r.value() * 2)));
        assertEquals(readings.size(), warehouse.size(), "one product per record, none twice");
        assertEquals(expected, new HashSet<>(warehouse.products()));
        assertEquals(KafkaSourceTest.ends(KAFKA, "orders"), Topics.committed(KAFKA, "billing"));
    }
}
