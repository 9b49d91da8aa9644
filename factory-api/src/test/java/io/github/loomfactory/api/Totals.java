package io.github.loomfactory.api;

import java.time.Instant;

/** The sample blueprint of the api's Javadoc, as a test fixture: one total per sensor. */
final class Totals implements Blueprint<Totals.Reading, Totals.Total> {

    record Reading(String sensor, long value) implements Material {
        @Override
        public Object pid() {
            return sensor;
        }
    }

    record Total(String sensor, long count, long sum, String why) implements Product {
        @Override
        public String pclass() {
            return "totals";
        }
    }

    record Checkpoint(String sensor, long count, Instant at) implements Product {
        @Override
        public String pclass() {
            return "checkpoints";
        }
    }

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
                    throw new IllegalArgumentException("negative reading " + reading.value());
                }
                count++;
                sum += reading.value();
            }

            @Override
            public void retire(Retirement reason, Emitter<Total> out) {
                out.emit(new Total((String) pid, count, sum, reason.name()));
            }
        };
    }
}
