package io.github.loomfactory.bench;

import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Warehouse;
import io.github.loomfactory.core.Factory;
import io.github.loomfactory.core.FactorySettings;
import java.time.InstantSource;
import java.util.Locale;

/**
 * What a benchmark drives: the factory, or the classic baseline, behind one small interface.
 * Materials are purchased from one thread.
 *
 * @param <M> the material type
 */
interface Engine<M extends Material> extends AutoCloseable {

    /** The implementations a run can be measured on. */
    enum Impl {
        /** Loom Factory's engine ({@code io.github.loomfactory.core.Factory}). */
        FACTORY,
        /** The classic design of partition threads owning maps of per-pid state ({@link Baseline}). */
        BASELINE;

        /** Returns the name used on the command line and in result lines. */
        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Returns the implementation named {@code label}.
         *
         * @throws IllegalArgumentException if there is none of that name
         */
        static Impl of(String label) {
            return switch (label) {
                case "factory" -> FACTORY;
                case "baseline" -> BASELINE;
                default -> throw new IllegalArgumentException("--impl must be factory or baseline: " + label);
            };
        }
    }

    /**
     * Starts an engine of {@code impl}. The baseline takes from {@code settings} the workshops
     * (its partitions), line and transport capacities, contract, shipment size and age, and clock.
     */
    static <M extends Material, P extends Product> Engine<M> start(Impl impl, Blueprint<M, P> blueprint,
            Warehouse<P> warehouse, FactorySettings settings) {
        return switch (impl) {
            case FACTORY -> {
                // the same clock as the baseline's: wall time less the time the whole JVM stood still
                SteadyClock steady = InstantSource.system().equals(settings.clock()) ? SteadyClock.system() : null;
                var onClock = steady == null ? settings : settings.toBuilder().clock(steady).build();
                yield new Loom<>(Factory.builder(blueprint, warehouse).settings(onClock).start(), steady);
            }
            case BASELINE -> new Baseline<>(blueprint, warehouse, settings);
        };
    }

    /** Buys one material, waiting while the engine is full. */
    void purchase(M material) throws InterruptedException;

    /** Hands on materials that purchasing holds back to batch them, if the engine does so. */
    void flush() throws InterruptedException;

    /** Returns how many pids have live state (workers) now. */
    long liveWorkers();

    /** Returns how many materials have been handed to an assembly so far. */
    long processed();

    /** Drains: every purchased material is handled, every product shipped, the warehouse closed. */
    @Override
    void close();

    /** The factory behind {@link Engine}. */
    record Loom<M extends Material, P extends Product>(Factory<M, P> factory, SteadyClock steady) implements Engine<M> {
        @Override
        public void purchase(M material) throws InterruptedException {
            factory.purchase(material);
        }

        @Override
        public void flush() {
            // purchasing hands each material on at once
        }

        @Override
        public long liveWorkers() {
            return factory.stats().liveWorkers();
        }

        @Override
        public long processed() {
            return factory.stats().processed();
        }

        @Override
        public void close() {
            try {
                factory.close();
            } finally {
                if (steady != null) {
                    steady.close();
                }
            }
        }
    }
}
