package io.github.loomfactory.examples.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.loomfactory.core.Rehearsal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionsTest {
    private static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");

    private static Click click(String user, int minute, String page) {
        return new Click(user, NINE.plus(Duration.ofMinutes(minute)), page);
    }

    @Test
    void aPauseOfTheGapStartsANewSession() {
        List<Session> sessions = Rehearsal.run(new Sessions(), List.of(
                click("ann", 0, "/"), click("ann", 29, "/shop"), click("ann", 59, "/"), click("ann", 65, "/cart")));

        assertEquals(List.of(
                new Session("ann", NINE, NINE.plus(Duration.ofMinutes(29)), 2, "/", "/shop"),
                new Session("ann", NINE.plus(Duration.ofMinutes(59)), NINE.plus(Duration.ofMinutes(65)), 2, "/", "/cart")), sessions);
    }

    @Test
    void onEventTimeAnIdleUserIsEmittedAsSoonAsTheClicksShowTheSessionIsOver() {
        var rehearsal = Rehearsal.builder(new Sessions()).eventTime(true).contract(Sessions.GAP).build();

        rehearsal.feed(click("ann", 0, "/")).feed(click("bob", 5, "/")).feed(click("bob", 31, "/help"));

        assertEquals(List.of(new Session("ann", NINE, NINE, 1, "/", "/")), rehearsal.products());
        assertEquals(List.of(new Session("ann", NINE, NINE, 1, "/", "/"),
                new Session("bob", NINE.plus(Duration.ofMinutes(5)), NINE.plus(Duration.ofMinutes(31)), 2, "/", "/help")),
                rehearsal.drain());
    }
}
