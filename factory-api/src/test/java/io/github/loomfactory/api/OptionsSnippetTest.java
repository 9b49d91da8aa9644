package io.github.loomfactory.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The snippet of {@link Options}' Javadoc ({@code {@snippet file=...}} takes it from here), compiled and run. */
class OptionsSnippetTest {
    record Click(String user, Instant at) implements Material {
        @Override
        public Object pid() {
            return user;
        }
    }

    record Session(String user, int clicks) implements Product {
        @Override
        public String pclass() {
            return "sessions";
        }
    }

    /** A blueprint whose one option is the gap that ends a session. */
    static final class Sessions implements Blueprint<Click, Session> {
        static final Duration GAP = Duration.ofMinutes(30);
        private final Duration gap;

        Sessions() {
            this(GAP);
        }

        Sessions(Duration gap) {
            this.gap = gap;
        }

        Duration gap() {
            return gap;
        }

        // @start region="configure"
        @Override
        public Blueprint<Click, Session> configure(Options options) {
            options.requireKnown("gap");                       // a misspelt key is an error, not ignored
            return new Sessions(options.duration("gap", GAP)); // 30m unless --set gap=... says otherwise
        }
        // @end

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

        /** Counts a user's clicks; a pause of {@code gap} or more ends the session. */
        @Override
        public Assembly<Click, Session> newAssembly(Object pid) {
            return new Assembly<>() {
                private Instant last;
                private int clicks;

                @Override
                public void accept(Click click, Emitter<Session> out) {
                    if (last != null && Duration.between(last, click.at()).compareTo(gap) >= 0) {
                        out.emit(new Session(click.user(), clicks));
                        clicks = 0;
                    }
                    last = click.at();
                    clicks++;
                }

                @Override
                public void retire(Retirement reason, Emitter<Session> out) {
                    if (clicks > 0) {
                        out.emit(new Session((String) pid, clicks));
                    }
                }
            };
        }
    }

    private static Duration gapOf(Options options) {
        return ((Sessions) new Sessions().configure(options)).gap();
    }

    @Test
    void theConfiguredGapEndsSessions() throws Exception {
        var sessions = new java.util.ArrayList<Session>();
        var assembly = new Sessions().configure(Options.of(Map.of("gap", "10m"))).newAssembly("ann");
        var start = Instant.parse("2026-03-02T09:00:00Z");
        for (int minutes : new int[] {0, 5, 20}) {
            assembly.accept(new Click("ann", start.plus(Duration.ofMinutes(minutes))), sessions::add);
        }
        assembly.retire(Retirement.DRAIN, sessions::add);
        assertEquals(java.util.List.of(new Session("ann", 2), new Session("ann", 1)), sessions);
    }

    @Test
    void setGapChangesTheGap() {
        assertEquals(Duration.ofMinutes(10), gapOf(Options.of(Map.of("gap", "10m"))));
    }

    @Test
    void withoutOptionsTheGapIsThirtyMinutes() {
        assertEquals(Duration.ofMinutes(30), gapOf(Options.empty()));
    }

    @Test
    void aMisspeltKeyIsAnErrorThatNamesIt() {
        var e = assertThrows(IllegalArgumentException.class, () -> gapOf(Options.of(Map.of("gpa", "10m"))));
        assertEquals("unknown option 'gpa' (known: gap)", e.getMessage());
    }
}
