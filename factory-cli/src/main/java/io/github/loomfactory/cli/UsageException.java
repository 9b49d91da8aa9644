package io.github.loomfactory.cli;

import java.io.Serial;

/**
 * A mistake of the person at the keyboard (a bad option, a missing file, an unknown blueprint):
 * reported as one line, exit code 2, no stack trace.
 */
final class UsageException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message, null, false, false);
    }
}
