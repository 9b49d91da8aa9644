package io.github.loomfactory.core;

import io.github.loomfactory.api.Retirement;
import java.time.Instant;

/**
 * A control item that travels on a worker's belt behind the materials delivered before it, so
 * that it takes effect in order.
 */
sealed interface Signal {

    /** Returns the retirement signal for {@code reason} (shared instances). */
    static Signal retire(Retirement reason) {
        return Retire.BY_REASON[reason.ordinal()];
    }

    /** On a belt: the worker's last item. */
    record Retire(Retirement reason) implements Signal {
        private static final Retire[] BY_REASON = {
            new Retire(Retirement.IDLE), new Retire(Retirement.EARLY), new Retire(Retirement.DRAIN)
        };
    }

    /** On a belt: inspect the worker's state at {@code now}. */
    record Inspect(Instant now) implements Signal {
    }
}
