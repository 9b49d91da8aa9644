package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Emitter;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Retirement;
import io.github.loomfactory.api.Warehouse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The snippet of {@link Factory}'s Javadoc ({@code {@snippet file=...}} takes it from here), compiled and run. */
@Timeout(60)
class FactorySnippetTest {
    record Reading(String sensor, long value) implements Material {
        @Override
        public Object pid() {
            return sensor;
        }
    }

    record Total(String sensor, long count, long sum) implements Product {
        @Override
        public String pclass() {
            return "totals";
        }
    }

    /** Sums each sensor's readings; refuses a negative one, which the factory then dead-letters. */
    static final class Totals implements Blueprint<Reading, Total> {
        @Override
        public String name() {
            return "totals";
        }

        @Override
        public Class<Reading> materialType() {
            return Reading.class;
        }

        @Override
        public Class<Total> productType() {
            return Total.class;
        }

        @Override
        public Assembly<Reading, Total> newAssembly(Object pid) {
            return new Assembly<>() {
                long count;
                long sum;

                @Override
                public void accept(Reading reading, Emitter<Total> out) {
                    if (reading.value() < 0) {
                        throw new IllegalArgumentException("negative reading: " + reading);
                    }
                    count++;
                    sum += reading.value();
                }

                @Override
                public void retire(Retirement reason, Emitter<Total> out) {
                    out.emit(new Total((String) pid, count, sum));
                }
            };
        }
    }

    static final class Readings {
        // @start region="factory"
        private static final Logger LOG = LoggerFactory.getLogger(Readings.class);

        static void run(List<Reading> readings, Warehouse<Total> warehouse) throws InterruptedException {
            try (var factory = Factory.builder(new Totals(), warehouse)
                    .settings(FactorySettings.builder().contract(Duration.ofSeconds(5)).build())
                    .deadLetters(rejection -> LOG.warn("rejected {}", rejection))
                    .start()) {
                factory.purchaseAll(readings); // blocks while a production line is full
            } // drained: every product has reached the warehouse
        }
        // @end
    }

    @Test
    void theEmbeddedFactoryShipsOneTotalPerSensorAndDeadLettersTheBadReading() throws InterruptedException {
        List<Total> shipped = Collections.synchronizedList(new ArrayList<>());
        Warehouse<Total> warehouse = shipment -> shipped.addAll(shipment.products());

        Readings.run(List.of(new Reading("a", 1), new Reading("b", 2), new Reading("a", -1), new Reading("a", 3)),
                warehouse);

        List<Total> totals = shipped.stream().sorted(Comparator.comparing(Total::sensor)).toList();
        assertEquals(List.of(new Total("a", 2, 4), new Total("b", 1, 2)), totals);
    }
}
