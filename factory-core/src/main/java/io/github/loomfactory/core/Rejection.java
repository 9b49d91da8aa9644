package io.github.loomfactory.core;

import io.github.loomfactory.api.Material;
import java.util.Objects;

/**
 * A material the factory could not process, handed back to the dead-letter handler with why.
 *
 * @param material the material as purchased
 * @param pid its pid
 * @param cause what the assembly threw, or why the factory failed before processing it (see {@link #processed()})
 * @param <M> the material type
 */
public record Rejection<M extends Material>(M material, Object pid, Throwable cause) {

    /**
     * Creates a rejection.
     *
     * @throws NullPointerException if any argument is null
     */
    public Rejection {
        Objects.requireNonNull(material, "material");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(cause, "cause");
    }

    /**
     * Returns whether the material reached its assembly: true when the blueprint threw on it,
     * false when the factory failed before processing it (a warehouse out of retries, say) and
     * handed it back; {@link #cause()} then says why the factory failed.
     *
     * @return whether the blueprint is to blame
     */
    public boolean processed() {
        return !(cause instanceof Unprocessed);
    }
}
