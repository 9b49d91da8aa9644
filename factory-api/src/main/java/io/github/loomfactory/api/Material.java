package io.github.loomfactory.api;

import java.time.Instant;
import java.util.Optional;

/**
 * An input record: one piece of work that belongs to the product named by its {@link #pid()}.
 *
 * <p>The engine routes every material by its pid: all materials with equal pids go, in purchase
 * order, to the same worker, which runs one {@link Assembly} on them one at a time. A material is
 * read by the purchasing thread and then by its worker's thread; it should be immutable (a record
 * is ideal).
 *
 * {@snippet file="io/github/loomfactory/api/MaterialSnippetTest.java" region="material"}
 */
public interface Material {

    /**
     * Returns the key of the product this material belongs to.
     *
     * <p>Pids are compared with {@link Object#equals(Object)} and spread with
     * {@link Object#hashCode()}, so both must be consistent and cheap; a record, a {@link String}
     * or a boxed number is a good pid. It must not change while the material is in the factory.
     *
     * @return the product id, never {@code null}
     */
    Object pid();

    /**
     * Returns when this material happened, if it knows.
     *
     * <p>A factory running on event time (for replayed data) takes its clock from these
     * timestamps, so that contracts and inspections expire at the same points in the data however
     * fast it is read. On wall time it is ignored. The default knows no time.
     *
     * @return the event time, or empty
     */
    default Optional<Instant> eventTime() {
        return Optional.empty();
    }
}
