package io.github.loomfactory.examples.sessions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.core.Rehearsal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SessionsProperties {
    private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

    /** Clicks of a few users, in time order, minutes apart. */
    @Provide
    Arbitrary<List<Click>> clickStreams() {
        Arbitrary<String> users = Arbitraries.of("ann", "bob", "cy");
        Arbitrary<Integer> gaps = Arbitraries.integers().between(0, 90);
        return Combinators.combine(users, gaps).as((user, gap) -> new Object[] {user, gap}).list().ofMaxSize(50).map(steps -> {
            var clicks = new ArrayList<Click>();
            Instant at = START;
            for (Object[] step : steps) {
                at = at.plus(Duration.ofMinutes((Integer) step[1]));
                clicks.add(new Click((String) step[0], at, "/p" + clicks.size()));
            }
            return clicks;
        });
    }

    @Property(tries = 300)
    void everyClickIsInExactlyOneSessionAndSessionsAreSeparatedByAtLeastTheGap(@ForAll("clickStreams") List<Click> clicks,
            @ForAll boolean eventTime) {
        var rehearsal = Rehearsal.builder(new Sessions()).eventTime(eventTime).contract(Sessions.GAP).build();
        List<Session> sessions = rehearsal.feedAll(clicks).drain();

        Map<String, List<Click>> byUser = clicks.stream().collect(Collectors.groupingBy(Click::user));
        Map<String, List<Session>> sessionsByUser = sessions.stream().collect(Collectors.groupingBy(Session::user));
        assertEquals(byUser.keySet(), sessionsByUser.keySet());
        for (var entry : sessionsByUser.entrySet()) {
            List<Session> own = entry.getValue().stream().sorted(Comparator.comparing(Session::start)).toList();
            List<Click> theirs = byUser.get(entry.getKey());
            assertEquals(theirs.size(), own.stream().mapToInt(Session::clicks).sum(), "clicks of " + entry.getKey());
            for (int i = 1; i < own.size(); i++) {
                assertTrue(Duration.between(own.get(i - 1).end(), own.get(i).start()).compareTo(Sessions.GAP) >= 0,
                        "sessions " + own.get(i - 1) + " and " + own.get(i) + " are closer than the gap");
            }
            for (Session session : own) {
                List<Click> inside = theirs.stream().filter(c -> !c.at().isBefore(session.start()) && !c.at().isAfter(session.end())).toList();
                assertEquals(session.clicks(), inside.size(), "clicks inside " + session);
                for (int i = 1; i < inside.size(); i++) {
                    assertTrue(Duration.between(inside.get(i - 1).at(), inside.get(i).at()).compareTo(Sessions.GAP) < 0,
                            "a pause longer than the gap inside " + session);
                }
            }
        }
    }
}
