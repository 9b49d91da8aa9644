package io.github.loomfactory.core;

import io.github.loomfactory.api.Retirement;
import java.time.Instant;

/**
 * A control item that travels on a production line or a belt behind the materials queued before
 * it, so that it takes effect in order.
 */
sealed interface Signal {

    /** On a production line: purchasing has stopped; retire everyone and finish. */
    Signal END = new End();

    /** Returns the retirement signal for {@code reason} (shared instances). */
    static Signal retire(Retirement reason) {
        return Retire.BY_REASON[reason.ordinal()];
    }

    /** Ends the production line's stream. */
    record End() implements Signal {
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
