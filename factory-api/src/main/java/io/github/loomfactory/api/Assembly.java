package io.github.loomfactory.api;

import java.time.Instant;

/**
 * The state and logic of one worker: what one pid's materials become.
 *
 * <p>A {@link Blueprint} creates one assembly each time the engine hires a worker for a pid.
 * Every callback of an assembly runs on that worker's own virtual thread, one at a time and never
 * concurrently, so an assembly needs no locks: keep its state in plain fields. The callbacks are,
 * in order of a worker's life: {@link #accept} for each material of the pid (in purchase order),
 * {@link #inspect} now and then if the factory has an inspection interval, and {@link #retire}
 * exactly once at the end.
 *
 * <p>Any callback may throw an {@link Exception}; the factory's failure policy decides what
 * happens (by default the material is handed to the dead-letter handler with the cause, and the
 * worker goes on). An {@link Error} always fails the factory, whatever the policy.
 *
 * @param <M> the material type
 * @param <P> the product type
 */
@FunctionalInterface
public interface Assembly<M extends Material, P extends Product> {

    /**
     * Handles the next material of this pid.
     *
     * @param material the material, in purchase order
     * @param out where to emit products (zero, one or many)
     * @throws Exception if the material cannot be handled; the failure policy applies
     */
    void accept(M material, Emitter<P> out) throws Exception;

    /**
     * Looks at the worker's state at a point in time, for example to end a flow that has been
     * active too long. Called on the worker's thread every inspection interval of the factory's
     * clock while the worker is alive. The default does nothing.
     *
     * @param now the factory's current time (event time on replayed data)
     * @param out where to emit products
     * @throws Exception if the inspection fails; the failure policy applies
     */
    default void inspect(Instant now, Emitter<P> out) throws Exception {
    }

    /**
     * Ends this worker's life: emit whatever the pid's state still owes. Called exactly once,
     * after the last material; the assembly is never called again. The default does nothing.
     *
     * @param reason why the worker retires
     * @param out where to emit products
     * @throws Exception if retiring fails; the failure policy applies
     */
    default void retire(Retirement reason, Emitter<P> out) throws Exception {
    }
}
