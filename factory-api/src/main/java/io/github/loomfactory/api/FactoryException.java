package io.github.loomfactory.api;

import java.io.Serial;

/**
 * A failure of the factory's work, as opposed to a misuse of its API: a blueprint or warehouse
 * that failed under a policy that stops the factory, or an abort that left work undone.
 *
 * <p>Thrown by the engine, typically from closing the factory, with the original failure as
 * its cause.
 */
public class FactoryException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message naming what failed.
     *
     * @param message what failed, and where
     */
    public FactoryException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message naming what failed, and its cause.
     *
     * @param message what failed, and where
     * @param cause the underlying failure
     */
    public FactoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
