package io.github.loomfactory.core;

import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * What cancelled threads hand back: materials no assembly got to, products not shipped, workers
 * stopped without retiring. Becomes the {@link Leftovers} of an abort.
 */
final class Remnants<M extends Material, P extends Product> {
    final ConcurrentLinkedQueue<M> materials = new ConcurrentLinkedQueue<>();
    /** Materials the dead-letter handler threw on: handed back in the leftovers, never offered again. */
    final ConcurrentLinkedQueue<M> refused = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<P> products = new ConcurrentLinkedQueue<>();
    final LongAdder workers = new LongAdder();

    /** Returns the leftovers: the materials in {@code kept} and those refused, the products, the workers. */
    Leftovers<M, P> toLeftovers(List<M> kept) {
        var all = new ArrayList<M>(kept);
        all.addAll(refused);
        return new Leftovers<>(all, new ArrayList<>(products), workers.sum());
    }
}
