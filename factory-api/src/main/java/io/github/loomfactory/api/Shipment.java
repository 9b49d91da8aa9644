package io.github.loomfactory.api;

import java.util.List;
import java.util.Objects;

/**
 * One batch of products of the same pclass, handed to a {@link Warehouse}.
 *
 * <p>Products of one pid appear in their emission order. The list is immutable.
 *
 * @param pclass the product class shared by every product in the batch
 * @param products the products, never empty
 * @param <P> the product type
 */
public record Shipment<P extends Product>(String pclass, List<P> products) {

    /**
     * Creates a shipment, copying the product list.
     *
     * @throws NullPointerException if any argument or product is null
     * @throws IllegalArgumentException if {@code products} is empty
     */
    public Shipment {
        Objects.requireNonNull(pclass, "pclass");
        products = List.copyOf(products);
        if (products.isEmpty()) {
            throw new IllegalArgumentException("a shipment of pclass '" + pclass + "' must hold at least one product");
        }
    }

    /**
     * Returns how many products this shipment holds.
     *
     * @return the number of products, at least one
     */
    public int size() {
        return products.size();
    }
}
