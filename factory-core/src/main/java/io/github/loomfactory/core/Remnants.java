package io.github.loomfactory.core;

import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * What cancelled threads hand back: materials no assembly got to, products not shipped, workers
 * stopped without retiring. Becomes the {@link Leftovers} of an abort.
 */
final class Remnants<M extends Material, P extends Product> {
    final ConcurrentLinkedQueue<M> materials = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<P> products = new ConcurrentLinkedQueue<>();
    final LongAdder workers = new LongAdder();

    Leftovers<M, P> toLeftovers() {
        return new Leftovers<>(new ArrayList<>(materials), new ArrayList<>(products), workers.sum());
    }
}
