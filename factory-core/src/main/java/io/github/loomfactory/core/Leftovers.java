package io.github.loomfactory.core;

import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import java.util.List;

/**
 * What an {@linkplain Factory#abort(java.time.Duration) aborted} factory left undone, handed back
 * so that nothing is lost silently.
 *
 * @param materials purchased materials no assembly got to, in no particular order; when the
 *     factory failed, these were handed to the dead-letter handler instead, and only those it
 *     refused (threw on) are here: each material is handed back once
 * @param products emitted products the warehouse did not receive
 * @param workers workers that were stopped without retiring
 * @param <M> the material type
 * @param <P> the product type
 */
public record Leftovers<M extends Material, P extends Product>(List<M> materials, List<P> products, long workers) {

    /**
     * Copies the lists.
     */
    public Leftovers {
        materials = List.copyOf(materials);
        products = List.copyOf(products);
    }

    /**
     * Returns whether the abort left nothing undone.
     *
     * @return true when every material was processed, every product shipped, every worker retired
     */
    public boolean isEmpty() {
        return materials.isEmpty() && products.isEmpty() && workers == 0;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%,d materials not processed, %,d products not shipped, %,d workers not retired",
                materials.size(), products.size(), workers);
    }
}
