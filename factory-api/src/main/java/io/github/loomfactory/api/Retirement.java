package io.github.loomfactory.api;

/**
 * Why a worker is being retired: passed to {@link Assembly#retire(Retirement, Emitter)}.
 */
public enum Retirement {

    /** The worker's contract expired: its pid got no material for the configured idle timeout. */
    IDLE,

    /**
     * The roster cap was reached and this worker was the least recently active one in its
     * workshop, so it retires early to make room. A later material for its pid hires a new worker.
     */
    EARLY,

    /** The factory is closing: purchasing has stopped and every queued material was handled. */
    DRAIN,

    /**
     * The worker has kept a material bought with a position (say, a Kafka offset) unsettled for
     * longer than the factory allows: it retires so that the material's position can be committed.
     * A later material for its pid hires a new worker. Only factories fed by a durable source
     * retire workers for this.
     */
    OVERDUE
}
