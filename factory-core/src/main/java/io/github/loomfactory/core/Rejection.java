package io.github.loomfactory.core;

import io.github.loomfactory.api.Material;
import java.util.Objects;
import java.util.Optional;

/**
 * What the factory could not do, handed back to the dead-letter handler with why: a material
 * whose assembly threw (or that the factory could not process before it failed), or a retirement
 * that threw, whose products are therefore missing. Immutable and thread-safe.
 *
 * @param <M> the material type
 */
public final class Rejection<M extends Material> {
    private final M material;
    private final Object pid;
    private final Throwable cause;

    /**
     * Creates the rejection of a material.
     *
     * @param material the material as purchased
     * @param pid its pid
     * @param cause what the assembly threw, or why the factory could not process it
     * @throws NullPointerException if any argument is null
     */
    public Rejection(M material, Object pid, Throwable cause) {
        this.material = Objects.requireNonNull(material, "material");
        this.pid = Objects.requireNonNull(pid, "pid");
        this.cause = Objects.requireNonNull(cause, "cause");
    }

    private Rejection(Object pid, Throwable cause) {
        this.material = null;
        this.pid = Objects.requireNonNull(pid, "pid");
        this.cause = Objects.requireNonNull(cause, "cause");
    }

    /**
     * Returns the rejection of a retirement that threw: no material, and the products the
     * retirement would have emitted are missing.
     *
     * @param pid the pid of the retiring worker
     * @param cause what the retirement threw
     * @param <M> the material type
     * @return the rejection
     * @throws NullPointerException if any argument is null
     */
    public static <M extends Material> Rejection<M> ofRetirement(Object pid, Throwable cause) {
        return new Rejection<>(pid, cause);
    }

    /**
     * Returns the rejected material, or empty when a retirement was rejected.
     *
     * @return the material as purchased
     */
    public Optional<M> material() {
        return Optional.ofNullable(material);
    }

    /**
     * Returns the pid.
     *
     * @return the pid of the material or of the retiring worker
     */
    public Object pid() {
        return pid;
    }

    /**
     * Returns why it was rejected.
     *
     * @return what the assembly threw, or why the factory could not process the material
     */
    public Throwable cause() {
        return cause;
    }

    /**
     * Returns whether the material reached its assembly: false when the factory failed before
     * processing it (a warehouse out of retries, say) and handed it back; {@link #cause()} then
     * says why the factory failed. True for a material the blueprint threw on, and for a retirement.
     *
     * @return whether the blueprint is to blame
     */
    public boolean processed() {
        return !(cause instanceof Unprocessed);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Rejection<?> that && Objects.equals(material, that.material) && pid.equals(that.pid)
                && cause.equals(that.cause);
    }

    @Override
    public int hashCode() {
        return Objects.hash(material, pid, cause);
    }

    @Override
    public String toString() {
        return "Rejection[" + (material == null ? "retirement of pid " + pid : material + " of pid " + pid) + ": " + cause + "]";
    }
}
