package io.github.loomfactory.kafka;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;

/** A test blueprint: one {@link Doubled} per {@link Reading}, checking each pid's order on the way. */
final class Doubling implements Blueprint<Reading, Doubled> {
    @Override
    public String name() {
        return "doubling";
    }

    @Override
    public Class<Reading> materialType() {
        return Reading.class;
    }

    @Override
    public Class<Doubled> productType() {
        return Doubled.class;
    }

    @Override
    public boolean keepsNothing() {
        return true;
    }

    @Override
    public Assembly<Reading, Doubled> newAssembly(Object pid) {
        return (reading, out) -> out.emit(new Doubled(reading.sensor(), reading.seq(), reading.value() * 2));
    }
}
