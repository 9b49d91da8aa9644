package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.loomfactory.api.Retirement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * A {@link Rehearsal} keeps the engine's rules: the same event-time input, run through a real
 * {@link Factory} (one to three workshops, small queues) and through rehearsals, gives every pid
 * the same products in the same order and the same retirements with the same reasons, with
 * contracts that run out, inspections on and a small roster cap.
 *
 * <p>The factory's roster cap is per workshop, so EARLY retirements depend on which workshop a
 * pid is routed to: the rehearsal side is one rehearsal per workshop, fed that workshop's
 * materials ({@link Factory#route}), with every rehearsal's clock moved to each material's time,
 * as the watermark moves every director's clock. With one workshop that is a plain
 * {@code feedAll} and {@code drain}. Both sides decide through the same {@link Schedule}; what
 * this checks is that the engine carries the decisions out as a rehearsal does, whatever its
 * threads, batching and watermarks. {@link EventTimeProperties} checks the schedule's decisions
 * against an independent model.
 */
class RehearsalMatchesFactoryProperties {
    private static final Duration CONTRACT = Duration.ofSeconds(10);

    @Property(tries = 60)
    void aRehearsalGivesEachPidTheFactorysProductsAndRetirements(@ForAll("timedStreams") List<Part> parts,
            @ForAll @IntRange(min = 1, max = 3) int workshops, @ForAll("inspections") Duration inspection,
            @ForAll("caps") int capPerWorkshop, @ForAll @IntRange(min = 1, max = 8) int capacity) throws Exception {
        int rosterCap = capPerWorkshop == 0 ? FactorySettings.defaults().rosterCap() : capPerWorkshop * workshops;
        var settings = FactorySettings.builder()
                .workshops(workshops)
                .lineCapacity(capacity)
                .beltCapacity(capacity)
                .transportCapacity(Math.max(2, capacity))
                .contract(CONTRACT)
                .inspection(inspection)
                .rosterCap(rosterCap)
                .eventTime(true)
                .clock(new ManualClock())
                .statusInterval(Duration.ZERO)
                .build();

        var inFactory = inspecting(new Recorder());
        var depot = new Depot();
        try (var factory = Factory.builder(inFactory, depot).settings(settings).start()) {
            factory.purchaseAll(parts);
        }
        assertEquals(List.of(), inFactory.violations(), "breaches in the factory");
        assertEquals(List.of(), depot.violations(), "breaches of the warehouse");

        var inRehearsal = inspecting(new Recorder());
        List<Rehearsal<Part, Piece>> rehearsals = new ArrayList<>();
        for (int i = 0; i < workshops; i++) {
            rehearsals.add(Rehearsal.builder(inRehearsal).settings(settings)
                    .rosterCap(settings.rosterCapPerWorkshop()).build());
        }
        for (Part part : parts) {
            Instant at = part.eventTime().orElseThrow();
            int route = Factory.route(part.pid(), workshops);
            for (int i = 0; i < workshops; i++) {
                if (i == route) {
                    rehearsals.get(i).feed(part);
                } else {
                    var rehearsal = rehearsals.get(i);
                    rehearsal.advance(at.isAfter(rehearsal.now()) ? Duration.between(rehearsal.now(), at) : Duration.ZERO);
                }
            }
        }
        List<Piece> rehearsed = new ArrayList<>();
        for (var rehearsal : rehearsals) {
            rehearsed.addAll(rehearsal.drain());
        }

        Map<Object, List<Piece>> expected = byPid(rehearsed);
        Map<Object, List<Piece>> actual = byPid(depot.products());
        var pids = new TreeSet<Object>((a, b) -> Integer.compare((Integer) a, (Integer) b));
        pids.addAll(expected.keySet());
        pids.addAll(actual.keySet());
        for (Object pid : pids) {
            assertEquals(expected.getOrDefault(pid, List.of()), actual.getOrDefault(pid, List.of()), "products of pid " + pid);
            assertEquals(retirements(inRehearsal, pid), retirements(inFactory, pid), "retirements of pid " + pid);
        }
    }

    /** Every inspection emits a product that says when it ran, so inspections show in the products. */
    private static Recorder inspecting(Recorder recorder) {
        recorder.onInspect = (pid, now, out) -> out.emit(new Piece(pid, -1, "c0", "inspected at " + now.toEpochMilli()));
        return recorder;
    }

    private static List<Retirement> retirements(Recorder recorder, Object pid) {
        var log = recorder.pids.get(pid);
        return log == null ? List.of() : log.retirements();
    }

    private static Map<Object, List<Piece>> byPid(List<Piece> products) {
        Map<Object, List<Piece>> byPid = new LinkedHashMap<>();
        for (Piece piece : products) {
            byPid.computeIfAbsent(piece.pid(), any -> new ArrayList<>()).add(piece);
        }
        return byPid;
    }

    /**
     * Pids 0 to 11 (sometimes 0 to 39, more than a small cap), timestamps in time order rising by
     * 0 to 3 s, now and then by 10 to 25 s: longer than the contract.
     */
    @Provide
    Arbitrary<List<Part>> timedStreams() {
        Arbitrary<Integer> gaps = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.integers().between(0, 3_000)),
                Tuple.of(1, Arbitraries.integers().between(10_000, 25_000)));
        Arbitrary<Integer> pids = Arbitraries.oneOf(Arbitraries.integers().between(0, 11), Arbitraries.integers().between(0, 39));
        var step = Combinators.combine(pids, gaps).as((id, gap) -> new int[] {id, gap});
        return step.list().ofMaxSize(100).map(steps -> {
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

    /** Mostly on, a second or a few apart; sometimes off. */
    @Provide
    Arbitrary<Duration> inspections() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(Duration.ZERO)),
                Tuple.of(3, Arbitraries.longs().between(1_000, 4_000).map(Duration::ofMillis)));
    }

    /** Zero for the default (large) cap; else a small cap per workshop. */
    @Provide
    Arbitrary<Integer> caps() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(0)),
                Tuple.of(1, Arbitraries.integers().between(1, 4)));
    }
}
