package io.github.loomfactory.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The snippet of {@link Blueprint}'s Javadoc ({@code {@snippet file=...}} takes it from here), compiled and run. */
class BlueprintSnippetTest {
    // The region is also valid at top level, as a user would write it (so Totals is an inner class, not a static
    // one): factory-cli's ReadmeSnippetsTest compiles the module READMEs' code against it.
    // @start region="blueprint"
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

    final class Totals implements Blueprint<Reading, Total> {
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
    // @end

    @Test
    void anAssemblySumsItsSensorAndEmitsOneTotalWhenItRetires() throws Exception {
        var totals = new ArrayList<Total>();
        Assembly<Reading, Total> s1 = new Totals().newAssembly("s1");
        s1.accept(new Reading("s1", 3), totals::add);
        s1.accept(new Reading("s1", 4), totals::add);
        assertEquals(List.of(), totals);

        s1.retire(Retirement.IDLE, totals::add);

        assertEquals(List.of(new Total("s1", 2, 7)), totals);
    }

    @Test
    void theBlueprintNamesItselfAndItsTypesForTheCommand() {
        var totals = new Totals();
        assertEquals("totals", totals.name());
        assertEquals(Reading.class, totals.materialType());
        assertEquals(Total.class, totals.productType());
    }
}
