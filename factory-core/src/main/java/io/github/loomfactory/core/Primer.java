package io.github.loomfactory.core;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Emitter;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Retirement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a few thousand workers through a whole life, hire to retirement, once per JVM before the
 * first factory whose settings ask for it ({@link FactorySettings#primer()}) starts, so that the
 * JIT has seen workers retire before it compiles them.
 *
 * <p>Without it, a factory whose workers all stay alive until the drain (W4 of BENCHMARKS.md: a
 * million of them) gets its worker loop and {@code StructuredTaskScope}'s subtask code compiled
 * while no worker had ever retired: their retirement paths become uncommon traps, and at the
 * drain each of the million parked frames falls into one on its own and is deoptimized (JFR
 * {@code jdk.Deoptimization}: about 1.2 million events, three quarters of the drain's CPU, a
 * drain of 10 to 15 s). Priming costs about 0.1 s on 2 cores, once per JVM (the first factory
 * started in a cold JVM: 170-210 ms instead of 70-80 ms, from start to close).
 */
final class Primer {
    private static final Logger LOG = LoggerFactory.getLogger(Primer.class);
    private static final int WORKERS = 4096;
    private static final AtomicBoolean PRIMED = new AtomicBoolean();
    private static final java.util.concurrent.atomic.AtomicLong REQUESTS = new java.util.concurrent.atomic.AtomicLong();

    private Primer() {
    }

    /** Primes on the first call in this JVM; later calls return at once. */
    static void primeOnce() {
        REQUESTS.incrementAndGet();
        if (!PRIMED.compareAndSet(false, true)) {
            return;
        }
        long start = System.nanoTime();
        var settings = FactorySettings.builder()
                .workshops(1)
                .lineCapacity(WORKERS)
                .contract(Duration.ofHours(1))
                .statusInterval(Duration.ZERO)
                .build();
        try (var factory = Factory.builder(new Blank(), shipment -> { }).settings(settings).start()) {
            for (int i = 0; i < WORKERS; i++) {
                factory.purchase(new Blank.Piece(i));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("priming failed; factories run all the same", e);
        }
        LOG.debug("primed the JIT with {} workers in {} µs", WORKERS, (System.nanoTime() - start) / 1000);
    }

    /** Returns how often priming was asked for in this JVM (the primer's own factory not counted). */
    static long requests() {
        return REQUESTS.get();
    }

    /** One product per material and one more at retirement, so every path of a worker runs. */
    private static final class Blank implements Blueprint<Blank.Piece, Blank.Piece> {
        record Piece(int id) implements Material, Product {
            @Override
            public Object pid() {
                return id;
            }

            @Override
            public String pclass() {
                return "primer";
            }
        }

        @Override
        public String name() {
            return "primer";
        }

        @Override
        public Class<Piece> materialType() {
            return Piece.class;
        }

        @Override
        public Class<Piece> productType() {
            return Piece.class;
        }

        @Override
        public Assembly<Piece, Piece> newAssembly(Object pid) {
            return new Assembly<>() {
                @Override
                public void accept(Piece piece, Emitter<Piece> out) {
                    out.emit(piece);
                }

                @Override
                public void retire(Retirement reason, Emitter<Piece> out) {
                    out.emit(new Piece(-1));
                }
            };
        }
    }
}
