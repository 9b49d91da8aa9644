package io.github.loomfactory.cli.web;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Emitter;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.core.Factory;
import io.github.loomfactory.core.FactorySettings;
import java.time.Duration;

/**
 * A small blueprint for the web tests: each tick becomes a tock of pclass {@code c<pid % 3>};
 * a tick with a negative value is rejected.
 */
final class Ticks implements Blueprint<Ticks.Tick, Ticks.Tock> {
    /** A material. */
    record Tick(long key, long value) implements Material {
        @Override
        public Object pid() {
            return key;
        }
    }

    /** A product. */
    record Tock(long key, long value) implements Product {
        @Override
        public String pclass() {
            return "c" + key % 3;
        }
    }

    @Override
    public String name() {
        return "ticks";
    }

    @Override
    public Class<Tick> materialType() {
        return Tick.class;
    }

    @Override
    public Class<Tock> productType() {
        return Tock.class;
    }

    @Override
    public Assembly<Tick, Tock> newAssembly(Object pid) {
        return new Assembly<>() {
            @Override
            public void accept(Tick tick, Emitter<Tock> out) {
                if (tick.value() < 0) {
                    throw new IllegalArgumentException("negative tick " + tick);
                }
                out.emit(new Tock(tick.key(), tick.value()));
            }
        };
    }

    /** A factory of ticks shipping to nowhere, with two workshops and no status line. */
    static Factory<Tick, Tock> factory() {
        return Factory.builder(new Ticks(), shipment -> { })
                .settings(FactorySettings.builder().workshops(2).statusInterval(Duration.ZERO).build())
                .start();
    }
}
