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
     * Emits one product. Blocks while the transportation line is full (backpressure), so a
     * callback that emits many products is held back as it goes. If the worker's thread is
     * interrupted meanwhile (the factory is aborted), {@code emit} returns with the thread's
     * interrupt flag set and the product kept by the engine (it is shipped or handed back); the
     * callback should return soon.
     *
     * @param product the product to ship
     * @throws NullPointerException if {@code product} is null
     */
    void emit(P product);
}
