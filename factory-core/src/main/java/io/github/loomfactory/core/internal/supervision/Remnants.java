package io.github.loomfactory.core.internal.supervision;

import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.core.Leftovers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * What cancelled threads hand back: materials no assembly got to, products not shipped, workers
 * stopped without retiring. Becomes the {@link Leftovers} of an abort.
 */
public final class Remnants<M extends Material, P extends Product> {
    public final ConcurrentLinkedQueue<M> materials = new ConcurrentLinkedQueue<>();
    /** Materials the dead-letter handler threw on: handed back in the leftovers, never offered again. */
    public final ConcurrentLinkedQueue<M> refused = new ConcurrentLinkedQueue<>();
    public final ConcurrentLinkedQueue<P> products = new ConcurrentLinkedQueue<>();
    public final LongAdder workers = new LongAdder();

    /** Returns the leftovers: the materials in {@code kept} and those refused, the products, the workers. */
    public Leftovers<M, P> toLeftovers(List<M> kept) {
        var all = new ArrayList<M>(kept);
        all.addAll(refused);
        return new Leftovers<>(all, new ArrayList<>(products), workers.sum());
    }
}
