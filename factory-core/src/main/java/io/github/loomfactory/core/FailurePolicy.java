package io.github.loomfactory.core;

/**
 * What the factory does when a blueprint's assembly throws an {@link Exception}.
 *
 * <p>An {@link Error} (an {@code AssertionError}, {@code OutOfMemoryError},
 * {@code StackOverflowError}...) is never a rejection, whatever the policy: it says the program
 * itself is broken, so it fails the factory as {@link #FAIL} does, and the material whose
 * callback threw it is handed back with the rest. The dead-letter handler gets every rejected
 * material once, and {@link FactoryStats#rejected()} counts exactly what it took; a handler that
 * throws fails the factory, and the material it refused stays in the {@link Leftovers}.
 */
public enum FailurePolicy {

    /**
     * Reject and go on: the material, its pid and the cause are handed to the dead-letter handler,
     * logged and counted; the worker keeps its state and takes the next material. A failed
     * inspection or retirement is logged and counted the same way (it has no material to hand
     * back), and a retirement that threw, whose products may be missing, is also handed to the
     * dead-letter handler as a rejection without a material. The default.
     */
    REJECT,

    /**
     * Fail the factory: the first failure cancels every workshop (their structured scopes
     * interrupt the workers), purchasing stops, the products made before it are still shipped
     * (the transportation department drains as usual), and closing the factory rethrows the cause in a
     * {@link io.github.loomfactory.api.FactoryException} that says how much work was left undone.
     * Every material left undone is then handed to the dead-letter handler, once.
     */
    FAIL
}
