package io.github.loomfactory.cli;

import io.github.loomfactory.api.Material;
import java.io.IOException;

/**
 * Where purchasing gets its materials: decoded input records, or generated ones. Records that do
 * not decode are reported to the {@link Rejects} and skipped. Used by one thread.
 *
 * @param <M> the material type
 */
interface Source<M extends Material> extends AutoCloseable {

    /**
     * Returns the next material, or null at the end of the input.
     *
     * @throws IOException if the input cannot be read at all
     */
    M next() throws IOException;

    @Override
    void close() throws IOException;

    /**
     * Asks a {@link #next()} that waits for input that may never come (a live capture) to return
     * null soon; called from another thread when the run is told to stop. Does nothing by default.
     */
    default void stop() {
    }

    /** Checks that a decoded material has a pid, so that purchasing it cannot fail; returns why not, or null. */
    static String missingPid(Material material) {
        try {
            return material.pid() == null ? "the material has no pid (pid() returned null): " + material : null;
        } catch (RuntimeException e) {
            return "pid() failed: " + Json.oneLine(String.valueOf(e));
        }
    }
}
