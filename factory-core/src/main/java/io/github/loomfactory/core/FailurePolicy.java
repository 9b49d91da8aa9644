package io.github.loomfactory.core;

/**
 * What the factory does when a blueprint's assembly throws.
 */
public enum FailurePolicy {

    /**
     * Reject and go on: the material, its pid and the cause are handed to the dead-letter handler,
     * logged and counted; the worker keeps its state and takes the next material. A failed
     * inspection or retirement is logged and counted the same way (it has no material to hand
     * back). The default.
     */
    REJECT,

    /**
     * Fail the factory: the first failure cancels every workshop (their structured scopes
     * interrupt the workers), purchasing stops, and closing the factory rethrows the cause in a
     * {@link io.github.loomfactory.api.FactoryException} that says how much work was left undone.
     */
    FAIL
}
