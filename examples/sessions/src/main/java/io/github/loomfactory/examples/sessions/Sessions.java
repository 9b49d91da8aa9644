package io.github.loomfactory.examples.sessions;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Emitter;
import io.github.loomfactory.api.Retirement;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@code sessions} blueprint: groups each user's clicks into sessions, a new session starting
 * when a click comes {@link #GAP} or more after the previous one (as the factory's contract
 * counts idle time).
 *
 * <p>A session is emitted when the next one starts, or when the user's worker retires: run the
 * factory on event time with a contract of {@link #GAP} and a session is emitted as soon as the
 * clicks show that it is over, e.g.
 * {@code factory run --plugins DIR --blueprint sessions --event-time --contract 30m --input clicks.jsonl}.
 */
public final class Sessions implements Blueprint<Click, Session> {
    /** The pause that ends a session: 30 minutes, as web analytics count. */
    public static final Duration GAP = Duration.ofMinutes(30);

    /** Creates the blueprint; the command line finds it with {@link java.util.ServiceLoader}. */
    public Sessions() {
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
        return new Visit();
    }

    /** The session in progress of one user. */
    private static final class Visit implements Assembly<Click, Session> {
        private Click first;
        private Click last;
        private int clicks;

        @Override
        public void accept(Click click, Emitter<Session> out) {
            if (last != null && Duration.between(last.at(), click.at()).compareTo(GAP) >= 0) {
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
