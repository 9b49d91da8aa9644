package io.github.loomfactory.examples.sessions;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Emitter;
import io.github.loomfactory.api.Options;
import io.github.loomfactory.api.Retirement;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code sessions} blueprint: groups each user's clicks into sessions, a new session starting
 * when a click comes the gap or more after the previous one ({@link #GAP} unless the option
 * {@code gap} says otherwise).
 *
 * <p>A session is emitted when the next one starts, or when the user's worker retires: run the
 * factory on event time with a contract as long as the gap and a session is emitted as soon as
 * the clicks show that it is over, e.g.
 * {@code factory run --plugins DIR --blueprint sessions --set gap=10m --event-time --contract 10m --input clicks.jsonl}.
 *
 * <p>Options ({@link #configure}): {@code gap}, a positive duration such as {@code 10m}.
 */
public final class Sessions implements Blueprint<Click, Session> {
    /** The default pause that ends a session: 30 minutes, as web analytics count. */
    public static final Duration GAP = Duration.ofMinutes(30);

    private final Duration gap;

    /** Creates the blueprint with the default gap; the command line finds it with {@link java.util.ServiceLoader}. */
    public Sessions() {
        this(GAP);
    }

    /**
     * Creates the blueprint with its own gap.
     *
     * @param gap the pause that ends a session
     * @throws IllegalArgumentException if {@code gap} is not positive
     */
    public Sessions(Duration gap) {
        if (gap.isNegative() || gap.isZero()) {
            throw new IllegalArgumentException("option gap: must be positive: " + gap);
        }
        this.gap = gap;
    }

    /** Returns the pause that ends a session. */
    public Duration gap() {
        return gap;
    }

    /**
     * Returns the blueprint with the gap of the option {@code gap} ({@code --set gap=10m}).
     *
     * @throws IllegalArgumentException if another key is set, or the gap is not a positive duration
     */
    @Override
    public Sessions configure(Options options) {
        options.requireKnown("gap");
        return new Sessions(options.duration("gap", GAP));
    }

    @Override
    public String name() {
        return "sessions";
    }

    @Override
    public Class<Click> materialType() {
        return Click.class;
    }

    @Override
    public Class<Session> productType() {
        return Session.class;
    }

    @Override
    public Assembly<Click, Session> newAssembly(Object pid) {
        return new Visit(gap);
    }

    /** The session in progress of one user. */
    private static final class Visit implements Assembly<Click, Session> {
        private final Duration gap;
        private Click first;
        private Click last;
        private int clicks;

        Visit(Duration gap) {
            this.gap = gap;
        }

        @Override
        public void accept(Click click, Emitter<Session> out) {
            if (last != null && Duration.between(last.at(), click.at()).compareTo(gap) >= 0) {
                emit(out);
            }
            if (first == null) {
                first = click;
            }
            if (last == null || !click.at().isBefore(last.at())) {
                last = click;
            }
            clicks++;
        }

        @Override
        public void retire(Retirement reason, Emitter<Session> out) {
            emit(out);
        }

        private void emit(Emitter<Session> out) {
            if (clicks > 0) {
                Instant start = first.at().isBefore(last.at()) ? first.at() : last.at();
                out.emit(new Session(first.user(), start, last.at(), clicks, first.page(), last.page()));
            }
            first = null;
            last = null;
            clicks = 0;
        }
    }
}
