package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * On event time a replayed stream gives the same result however it is read: every pid's
 * assemblies, materials and retirements are those of a model that follows the timestamps alone,
 * whatever the number of workshops and the capacities.
 *
 * <p>The model is written apart from the engine's {@link Schedule} on purpose: it is the
 * independent oracle of the schedule's decisions, which the factory and a {@link Rehearsal} share
 * ({@link RehearsalMatchesFactoryProperties} checks that they carry them out alike).
 */
class EventTimeProperties {
    private static final long CONTRACT = 10_000;

    @Property(tries = 80)
    void retirementsFollowTheTimestampsAloneWhateverTheLayout(@ForAll("timedStreams") List<Part> parts,
            @ForAll @IntRange(min = 1, max = 3) int workshops, @ForAll @IntRange(min = 1, max = 8) int capacity)
            throws Exception {
        var recorder = new Recorder();
        var settings = FactorySettings.builder()
                .workshops(workshops)
                .lineCapacity(capacity)
                .beltCapacity(capacity)
                .transportCapacity(capacity)
                .contract(Duration.ofMillis(CONTRACT))
                .eventTime(true)
                .clock(new ManualClock())
                .statusInterval(Duration.ZERO)
                .build();
        try (var factory = Factory.builder(recorder, new Depot()).settings(settings).start()) {
            factory.purchaseAll(parts);
        }
        Map<Object, List<String>> expected = model(parts, Integer.MAX_VALUE);
        for (var entry : expected.entrySet()) {
            assertEquals(entry.getValue(), recorder.log(entry.getKey()).events(), "events of " + entry.getKey());
        }
    }

    @Property(tries = 300)
    void aRehearsalRetiresAsTheModelDoes(@ForAll("timedStreams") List<Part> parts,
            @ForAll @IntRange(min = 1, max = 13) int rosterCap) {
        var recorder = new Recorder();
        Rehearsal.builder(recorder).contract(Duration.ofMillis(CONTRACT)).rosterCap(rosterCap).eventTime(true)
                .build().feedAll(parts).drain();
        Map<Object, List<String>> expected = model(parts, rosterCap);
        for (var entry : expected.entrySet()) {
            assertEquals(entry.getValue(), recorder.log(entry.getKey()).events(), "events of " + entry.getKey());
        }
    }

    /** Pids 0 to 11, timestamps rising by 0 to 6 s, so that contracts of 10 s expire now and then. */
    @Provide
    Arbitrary<List<Part>> timedStreams() {
        var step = Combinators.combine(Arbitraries.integers().between(0, 11), Arbitraries.integers().between(0, 6_000))
                .as((id, gap) -> new int[] {id, gap});
        return step.list().ofMaxSize(120).map(steps -> {
            Map<Integer, Integer> next = new HashMap<>();
            List<Part> parts = new ArrayList<>();
            long time = 0;
            for (int[] s : steps) {
                time += s[1];
                int seq = next.merge(s[0], 1, Integer::sum) - 1;
                parts.add(Part.at(s[0], seq, time));
            }
            return parts;
        });
    }

    /** What the engine must do with one clock that follows the materials' timestamps and one roster of at most {@code rosterCap}. */
    static Map<Object, List<String>> model(List<Part> parts, int rosterCap) {
        Map<Object, List<String>> events = new HashMap<>();
        Map<Object, Integer> assemblies = new HashMap<>();
        LinkedHashMap<Object, long[]> roster = new LinkedHashMap<>(16, 0.75f, true); // pid -> {number, lastActive}
        long now = Long.MIN_VALUE;
        for (Part part : parts) {
            if (part.millis() > now) {
                now = part.millis();
                for (Iterator<Map.Entry<Object, long[]>> it = roster.entrySet().iterator(); it.hasNext(); ) {
                    var worker = it.next();
                    if (now - worker.getValue()[1] < CONTRACT) {
                        break;
                    }
                    it.remove();
                    retire(events, worker.getKey(), worker.getValue()[0], "IDLE");
                }
            }
            long[] worker = roster.get(part.pid());
            if (worker == null) {
                if (roster.size() >= rosterCap) {
                    var eldest = roster.entrySet().iterator().next();
                    roster.remove(eldest.getKey());
                    retire(events, eldest.getKey(), eldest.getValue()[0], "EARLY");
                }
                worker = new long[] {assemblies.merge(part.pid(), 1, Integer::sum), now};
                roster.put(part.pid(), worker);
            }
            worker[1] = now;
            events.computeIfAbsent(part.pid(), any -> new ArrayList<>()).add("accept " + part.seq() + " by #" + worker[0]);
        }
        for (var worker : roster.entrySet()) {
            retire(events, worker.getKey(), worker.getValue()[0], "DRAIN");
        }
        return events;
    }

    private static void retire(Map<Object, List<String>> events, Object pid, long number, String reason) {
        var log = events.get(pid);
        log.add("retire " + reason + " by #" + number);
        log.add("retired by #" + number);
    }
}
