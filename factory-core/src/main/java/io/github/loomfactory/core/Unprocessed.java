package io.github.loomfactory.core;

import io.github.loomfactory.api.FactoryException;
import java.io.Serial;

/**
 * The cause of a {@link Rejection} whose material never reached its assembly: the factory failed
 * first (for a reason that is this exception's cause), so the material is handed back unprocessed.
 * {@link Rejection#processed()} tells it from a material the blueprint threw on.
 */
final class Unprocessed extends FactoryException {
    @Serial
    private static final long serialVersionUID = 1L;

    Unprocessed(Throwable failure) {
        super("not processed: the factory failed first: " + (failure instanceof FactoryException ? failure.getMessage() : failure), failure);
    }
}
