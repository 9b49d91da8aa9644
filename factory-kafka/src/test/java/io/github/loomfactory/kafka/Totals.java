package io.github.loomfactory.kafka;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Emitter;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Retirement;

/**
 * A test blueprint that depends on time: per sensor, one {@link Total} of the readings between two
 * contract expiries (a session), emitted when its worker retires.
 */
final class Totals implements Blueprint<Reading, Totals.Total> {

    /** One session of a sensor: how many readings, their sum, the first and last time. */
    record Total(long sensor, long count, long sum, long first, long last) implements Product {
        @Override
        public String pclass() {
            return "totals";
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
            long first = -1;
            long last;

            @Override
            public void accept(Reading reading, Emitter<Total> out) {
                if (first < 0) {
                    first = reading.millis();
                }
                last = reading.millis();
                count++;
                sum += reading.value();
            }

            @Override
            public void retire(Retirement reason, Emitter<Total> out) {
                out.emit(new Total((Long) pid, count, sum, first, last));
            }
        };
    }
}
