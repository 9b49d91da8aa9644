package io.github.loomfactory.examples.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.loomfactory.api.Options;
import io.github.loomfactory.core.Rehearsal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    @Test
    void theGapOptionSetsThePauseThatEndsASession() {
        Sessions tenMinutes = new Sessions().configure(Options.of(Map.of("gap", "10m")));

        List<Session> sessions = Rehearsal.run(tenMinutes, List.of(click("ann", 0, "/"), click("ann", 9, "/shop"), click("ann", 19, "/")));

        assertEquals(Duration.ofMinutes(10), tenMinutes.gap());
        assertEquals(List.of(new Session("ann", NINE, NINE.plus(Duration.ofMinutes(9)), 2, "/", "/shop"),
                new Session("ann", NINE.plus(Duration.ofMinutes(19)), NINE.plus(Duration.ofMinutes(19)), 1, "/", "/")), sessions);
    }

    @Test
    void withoutOptionsTheGapIsThirtyMinutes() {
        assertEquals(Sessions.GAP, new Sessions().configure(Options.empty()).gap());
    }

    @Test
    void badOptionsAreRefusedWithTheKeyAndTheValue() {
        var sessions = new Sessions();
        assertEquals("unknown option 'gpa' (known: gap)", assertThrows(IllegalArgumentException.class,
                () -> sessions.configure(Options.of(Map.of("gpa", "10m")))).getMessage());
        assertEquals("option gap: '10 minutes' is not a duration (write e.g. 250ms, 5s, 30m, 1h or PT5S)",
                assertThrows(IllegalArgumentException.class, () -> sessions.configure(Options.of(Map.of("gap", "10 minutes")))).getMessage());
        assertEquals("option gap: must be positive: PT0S",
                assertThrows(IllegalArgumentException.class, () -> sessions.configure(Options.of(Map.of("gap", "0")))).getMessage());
    }
}
