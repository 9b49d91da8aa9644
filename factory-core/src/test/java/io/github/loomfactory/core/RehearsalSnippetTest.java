package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Emitter;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Retirement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The snippet of {@link Rehearsal}'s Javadoc ({@code {@snippet file=...}} takes it from here), compiled and run. */
class RehearsalSnippetTest {
    /** A click of a user. */
    record Click(String user, Instant at, String page) implements Material {
        @Override
        public Object pid() {
            return user;
        }
    }

    /** The clicks of one user between two retirements. */
    record Session(String user, int clicks, Retirement why) implements Product {
        @Override
        public String pclass() {
            return "sessions";
        }
    }

    /** Counts each user's clicks until the user's worker retires. */
    static final class Sessions implements Blueprint<Click, Session> {
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
            return new Assembly<>() {
                int clicks;

                @Override
                public void accept(Click click, Emitter<Session> out) {
                    clicks++;
                }

                @Override
                public void retire(Retirement why, Emitter<Session> out) {
                    out.emit(new Session((String) pid, clicks, why));
                }
            };
        }
    }

    @Test
    void theJavadocSnippetRunsAsItSays() {
        Instant nine = Instant.parse("2026-03-02T09:00:00Z");
        // @start region="rehearsal"
        var rehearsal = Rehearsal.builder(new Sessions())
                .contract(Duration.ofMinutes(30))
                .build();
        rehearsal.feed(new Click("ann", nine, "/home"));
        rehearsal.advance(Duration.ofMinutes(31));   // ann's contract expires: her session is emitted
        rehearsal.feed(new Click("bob", nine.plus(Duration.ofMinutes(31)), "/shop"));
        List<Session> sessions = rehearsal.drain();  // every other worker retires: DRAIN
        // @end

        assertEquals(List.of(new Session("ann", 1, Retirement.IDLE), new Session("bob", 1, Retirement.DRAIN)), sessions);
    }
}
