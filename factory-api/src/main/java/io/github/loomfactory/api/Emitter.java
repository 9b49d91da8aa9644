package io.github.loomfactory.api;

/**
 * Where an {@link Assembly} puts the products it makes.
 *
 * <p>The engine passes an emitter to every assembly callback. Products emitted by one assembly
 * reach the warehouse in emission order within their pclass. An emitter is only valid on the
 * worker's thread during the callback it was passed to; keeping it for later is a bug.
 *
 * @param <P> the product type
 */
@FunctionalInterface
public interface Emitter<P extends Product> {

    /**
     * Emits one product. May block while the transportation line is full (backpressure).
     *
     * @param product the product to ship
     * @throws NullPointerException if {@code product} is null
     */
    void emit(P product);
}
