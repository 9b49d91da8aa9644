package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Emitter;
import io.github.loomfactory.api.FactoryException;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Retirement;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class RehearsalTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A material of {@code key} at {@code second} seconds after T0 (event time). */
    record Item(String key, int seq, long second) implements Material {
        @Override
        public Object pid() {
            return key;
        }

        @Override
        public Optional<Instant> eventTime() {
            return Optional.of(T0.plusSeconds(second));
        }

        @Override
        public String toString() {
            return key + "#" + seq + "@" + second;
        }
    }

    /** What a worker saw: its pid, the seqs it got, how it ended (or an inspection). */
    record Trace(String key, List<Integer> seqs, String event) implements Product {
        @Override
        public String pclass() {
            return "traces";
        }
    }

    /** Emits one trace per retirement and per inspection; fails on seq -1 (accept), "bad" keys (retire). */
    static class Tracing implements Blueprint<Item, Trace> {
        final List<Object> hired = new ArrayList<>();

        @Override
        public String name() {
            return "tracing";
        }

        @Override
        public Class<Item> materialType() {
            return Item.class;
        }

        @Override
        public Class<Trace> productType() {
            return Trace.class;
        }

        @Override
        public Assembly<Item, Trace> newAssembly(Object pid) {
            hired.add(pid);
            if ("unhirable".equals(pid)) {
                throw new IllegalStateException("no assembly for " + pid);
            }
            return new Assembly<>() {
                final List<Integer> seqs = new ArrayList<>();

                @Override
                public void accept(Item item, Emitter<Trace> out) {
                    if (item.seq() < 0) {
                        throw new IllegalArgumentException("negative seq " + item.seq());
                    }
                    seqs.add(item.seq());
                }

                @Override
                public void inspect(Instant now, Emitter<Trace> out) {
                    out.emit(new Trace((String) pid, List.copyOf(seqs), "inspect@" + now));
                }

                @Override
                public void retire(Retirement reason, Emitter<Trace> out) {
                    if (((String) pid).startsWith("bad")) {
                        throw new IllegalStateException("cannot retire " + pid);
                    }
                    out.emit(new Trace((String) pid, List.copyOf(seqs), reason.name()));
                }
            };
        }
    }

    private static Item item(String key, int seq) {
        return new Item(key, seq, 0);
    }

    private static Rehearsal.Builder<Item, Trace> rehearsal() {
        return Rehearsal.builder(new Tracing()).start(T0);
    }

    @Test
    void runFeedsEveryMaterialInOrderAndDrainsEveryWorker() {
        List<Trace> products = Rehearsal.run(new Tracing(),
                List.of(item("a", 0), item("b", 0), item("a", 1), item("c", 0), item("a", 2)));

        assertEquals(List.of( // least recently active first
                new Trace("b", List.of(0), "DRAIN"),
                new Trace("c", List.of(0), "DRAIN"),
                new Trace("a", List.of(0, 1, 2), "DRAIN")), products);
    }

    @Test
    void drainRetiresLeastRecentlyActiveFirstAndIsIdempotent() {
        var rehearsal = rehearsal().build().feed(item("a", 0)).feed(item("b", 0)).feed(item("a", 1));

        List<Trace> first = rehearsal.drain();

        assertEquals(List.of("b", "a"), first.stream().map(Trace::key).toList());
        assertEquals(first, rehearsal.drain());
        assertEquals(List.of(), rehearsal.roster());
    }

    @Test
    void contractExpiresWhenTheClockReachesLastActivityPlusContract() {
        var rehearsal = rehearsal().contract(Duration.ofSeconds(10)).build();
        rehearsal.feed(item("a", 0));
        rehearsal.advance(Duration.ofSeconds(4)).feed(item("b", 0));

        rehearsal.advance(Duration.ofMillis(5_999));
        assertEquals(List.of(), rehearsal.products(), "a's contract runs until 10 s after its last material");

        rehearsal.advance(Duration.ofMillis(1));
        assertEquals(List.of(new Trace("a", List.of(0), "IDLE")), rehearsal.products());
        assertEquals(List.of("b"), rehearsal.roster());

        rehearsal.advance(Duration.ofSeconds(4));
        assertEquals(List.of(new Trace("a", List.of(0), "IDLE"), new Trace("b", List.of(0), "IDLE")),
                rehearsal.products());
    }

    @Test
    void aMaterialAfterRetirementHiresAFreshAssembly() {
        var blueprint = new Tracing();
        var rehearsal = Rehearsal.builder(blueprint).contract(Duration.ofSeconds(1)).build();

        rehearsal.feed(item("a", 0)).advance(Duration.ofSeconds(1)).feed(item("a", 1));

        assertEquals(List.of(new Trace("a", List.of(0), "IDLE"), new Trace("a", List.of(1), "DRAIN")), rehearsal.drain());
        assertEquals(List.of("a", "a"), blueprint.hired);
        assertEquals(2, rehearsal.hires());
    }

    @Test
    void rosterCapRetiresTheLeastRecentlyActiveWorkerEarly() {
        var rehearsal = rehearsal().rosterCap(2).build();
        rehearsal.feed(item("a", 0)).feed(item("b", 0)).feed(item("a", 1));

        rehearsal.feed(item("c", 0));

        assertEquals(List.of(new Trace("b", List.of(0), "EARLY")), rehearsal.products());
        assertEquals(List.of("a", "c"), rehearsal.roster());
    }

    @Test
    void inspectionsRunEveryIntervalOnEveryLiveWorker() {
        var rehearsal = rehearsal().inspection(Duration.ofSeconds(5)).contract(Duration.ofMinutes(1)).build();
        rehearsal.feed(item("a", 0)).feed(item("b", 0));

        rehearsal.advance(Duration.ofSeconds(4));
        assertEquals(List.of(), rehearsal.products());
        rehearsal.advance(Duration.ofSeconds(1));
        rehearsal.advance(Duration.ofSeconds(4));
        rehearsal.advance(Duration.ofSeconds(2));

        Instant first = T0.plusSeconds(5);
        Instant second = T0.plusSeconds(10); // ticks keep their interval, whatever the steps of the clock
        assertEquals(List.of(
                new Trace("a", List.of(0), "inspect@" + first), new Trace("b", List.of(0), "inspect@" + first),
                new Trace("a", List.of(0), "inspect@" + second), new Trace("b", List.of(0), "inspect@" + second)),
                rehearsal.products());
    }

    @Test
    void eventTimeMovesTheClockWithTheMaterials() {
        var rehearsal = Rehearsal.builder(new Tracing()).eventTime(true).contract(Duration.ofSeconds(30))
                .inspection(Duration.ofSeconds(60)).build();

        rehearsal.feed(new Item("a", 0, 0)).feed(new Item("b", 0, 10)).feed(new Item("b", 1, 35));

        assertEquals(T0.plusSeconds(35), rehearsal.now());
        assertEquals(List.of(new Trace("a", List.of(0), "IDLE")), rehearsal.products());

        rehearsal.feed(new Item("b", 2, 30)); // late: the clock does not go back
        assertEquals(T0.plusSeconds(35), rehearsal.now());

        rehearsal.feed(new Item("c", 0, 60)); // the tick at 60 s comes before c's material
        assertEquals(List.of(new Trace("a", List.of(0), "IDLE"),
                new Trace("b", List.of(0, 1, 2), "inspect@" + T0.plusSeconds(60))), rehearsal.products());
    }

    @Test
    void oneLongStepOfTheClockRunsEveryTickAndExpiryOnTheWayInTimeOrder() {
        var rehearsal = rehearsal().inspection(Duration.ofSeconds(10)).contract(Duration.ofSeconds(25)).build();
        rehearsal.feed(item("a", 0)).advance(Duration.ofSeconds(12)).feed(item("b", 0));

        rehearsal.advance(Duration.ofSeconds(100));

        assertEquals(List.of(
                new Trace("a", List.of(0), "inspect@" + T0.plusSeconds(10)),
                new Trace("a", List.of(0), "inspect@" + T0.plusSeconds(20)),
                new Trace("b", List.of(0), "inspect@" + T0.plusSeconds(20)),
                new Trace("a", List.of(0), "IDLE"),
                new Trace("b", List.of(0), "inspect@" + T0.plusSeconds(30)),
                new Trace("b", List.of(0), "IDLE")), rehearsal.products());
        assertEquals(T0.plusSeconds(112), rehearsal.now());
    }

    @Test
    void wallTimeIgnoresEventTimes() {
        var rehearsal = rehearsal().contract(Duration.ofSeconds(1)).build();

        rehearsal.feed(new Item("a", 0, 0)).feed(new Item("b", 0, 3600));

        assertEquals(T0, rehearsal.now());
        assertEquals(List.of(), rehearsal.products());
    }

    @Test
    void rejectPolicyHandsBackTheMaterialAndTheWorkerGoesOn() {
        var rehearsal = rehearsal().build();

        rehearsal.feed(item("a", 0)).feed(item("a", -1)).feed(item("a", 1)).feed(item("bad", 0));
        List<Trace> products = rehearsal.drain();

        assertEquals(List.of(new Trace("a", List.of(0, 1), "DRAIN")), products);
        assertEquals(1, rehearsal.rejections().size());
        Rejection<Item> rejection = rehearsal.rejections().getFirst();
        assertEquals(Optional.of(item("a", -1)), rejection.material());
        assertEquals("a", rejection.pid());
        assertEquals("negative seq -1", rejection.cause().getMessage());
        assertEquals(List.of("cannot retire bad"), rehearsal.failures().stream().map(Exception::getMessage).toList());
    }

    @Test
    void aPidWhoseAssemblyCannotBeMadeHasEveryMaterialRejected() {
        var rehearsal = rehearsal().build();

        rehearsal.feed(item("unhirable", 0)).feed(item("unhirable", 1)).feed(item("a", 0));

        assertEquals(List.of(new Trace("a", List.of(0), "DRAIN")), rehearsal.drain());
        assertEquals(2, rehearsal.rejections().size());
        assertTrue(rehearsal.rejections().stream().allMatch(r -> r.cause().getMessage().equals("no assembly for unhirable")));
    }

    @Test
    void failPolicyEndsTheRehearsalWithTheFirstFailure() {
        var rehearsal = rehearsal().failurePolicy(FailurePolicy.FAIL).build();
        rehearsal.feed(item("a", 0));

        var failure = assertThrows(FactoryException.class, () -> rehearsal.feed(item("a", -1)));

        assertEquals("blueprint 'tracing' failed on pid a: java.lang.IllegalArgumentException: negative seq -1",
                failure.getMessage());
        assertSame(failure, assertThrows(FactoryException.class, () -> rehearsal.feed(item("b", 0))));
        assertSame(failure, assertThrows(FactoryException.class, rehearsal::drain));
        assertEquals(List.of(), rehearsal.products());
    }

    @Test
    void failPolicyCoversRetirement() {
        var rehearsal = rehearsal().failurePolicy(FailurePolicy.FAIL).build().feed(item("bad", 0));

        var failure = assertThrows(FactoryException.class, rehearsal::drain);

        assertEquals("blueprint 'tracing' failed in retirement of pid bad: java.lang.IllegalStateException: cannot retire bad",
                failure.getMessage());
    }

    @Test
    void anEmitterKeptForLaterIsRefused() {
        var kept = new AtomicReference<Emitter<Trace>>();
        Blueprint<Item, Trace> keeping = new Tracing() {
            @Override
            public Assembly<Item, Trace> newAssembly(Object pid) {
                return (item, out) -> {
                    if (kept.get() != null) {
                        kept.get().emit(new Trace(item.key(), List.of(), "late"));
                    }
                    kept.set(out);
                };
            }
        };
        var rehearsal = Rehearsal.builder(keeping).build().feed(item("a", 0)).feed(item("a", 1));

        assertEquals(1, rehearsal.rejections().size());
        assertEquals("emitter used after its callback returned: emit only during the callback it was passed to",
                rehearsal.rejections().getFirst().cause().getMessage());
    }

    @Test
    void misuseIsRefusedWithAMessage() {
        var rehearsal = rehearsal().build();

        assertEquals("the clock only moves forward: PT-1S",
                assertThrows(IllegalArgumentException.class, () -> rehearsal.advance(Duration.ofSeconds(-1))).getMessage());
        assertEquals("material", assertThrows(NullPointerException.class, () -> rehearsal.feed(null)).getMessage());
        assertEquals("pid of material null#0@0",
                assertThrows(NullPointerException.class, () -> rehearsal.feed(new Item(null, 0, 0))).getMessage());
        rehearsal.drain();
        assertEquals("rehearsal is drained: feed and advance before drain()",
                assertThrows(IllegalStateException.class, () -> rehearsal.feed(item("a", 0))).getMessage());
        assertEquals("contract must be positive: PT0S",
                assertThrows(IllegalArgumentException.class, () -> rehearsal().contract(Duration.ZERO).build()).getMessage());
        assertEquals("rosterCap must be at least 1: 0",
                assertThrows(IllegalArgumentException.class, () -> rehearsal().rosterCap(0).build()).getMessage());
    }

    @Test
    void settingsAreTakenFromFactorySettings() {
        var settings = FactorySettings.builder().contract(Duration.ofSeconds(2)).rosterCap(1).workshops(1).build();
        var rehearsal = Rehearsal.builder(new Tracing()).settings(settings).build();

        rehearsal.feed(item("a", 0)).feed(item("b", 0)).advance(Duration.ofSeconds(2));

        assertEquals(List.of(new Trace("a", List.of(0), "EARLY"), new Trace("b", List.of(0), "IDLE")), rehearsal.products());
    }

    @Test
    void theRehearsalNeedsNoPreviewFeatures() throws IOException {
        for (Class<?> type : List.of(Rehearsal.class, Rehearsal.Builder.class, FactorySettings.class,
                FactorySettings.Builder.class, FailurePolicy.class, Rejection.class)) {
            try (InputStream in = type.getResourceAsStream("/" + type.getName().replace('.', '/') + ".class")) {
                assertFalse(in == null, "class file of " + type);
                byte[] bytes = in.readAllBytes();
                int minor = ((bytes[4] & 0xFF) << 8) | (bytes[5] & 0xFF);
                assertEquals(0, minor, type + " must not be compiled as preview-dependent");
                assertFalse(new String(bytes, StandardCharsets.ISO_8859_1).contains("io/github/loomfactory/core/internal/supervision/Structured"),
                        type + " must not refer to Structured");
            }
        }
    }

    /** A step of a generated script: feed a material of a pid, or move the clock. */
    record Step(String key, long advanceMillis) {
        @Override
        public String toString() {
            return key != null ? "feed " + key : "advance " + advanceMillis + "ms";
        }
    }

    @Provide
    Arbitrary<List<Step>> scripts() {
        Arbitrary<Step> feed = Arbitraries.of("a", "b", "c", "d", "e", "f").map(key -> new Step(key, 0));
        Arbitrary<Step> advance = Arbitraries.longs().between(0, 3_000).map(millis -> new Step(null, millis));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, feed),
                net.jqwik.api.Tuple.of(1, advance)).list().ofMaxSize(60);
    }

    @Property(tries = 300)
    void everyMaterialReachesOneAssemblyInOrderAndEveryWorkerRetiresOnce(@ForAll("scripts") List<Step> script,
            @ForAll("caps") int rosterCap) {
        var rehearsal = rehearsal().contract(Duration.ofSeconds(2)).rosterCap(rosterCap).build();
        Map<String, Integer> next = new HashMap<>();
        Map<String, List<Integer>> fed = new LinkedHashMap<>();
        for (Step step : script) {
            if (step.key() == null) {
                rehearsal.advance(Duration.ofMillis(step.advanceMillis()));
            } else {
                int seq = next.merge(step.key(), 1, Integer::sum) - 1;
                fed.computeIfAbsent(step.key(), k -> new ArrayList<>()).add(seq);
                rehearsal.feed(item(step.key(), seq));
            }
            assertTrue(rehearsal.roster().size() <= rosterCap, "roster " + rehearsal.roster() + " over cap " + rosterCap);
        }
        List<Trace> products = rehearsal.drain();

        Map<String, List<Integer>> seen = new LinkedHashMap<>();
        for (Trace trace : products) {
            seen.computeIfAbsent(trace.key(), k -> new ArrayList<>()).addAll(trace.seqs());
        }
        for (var entry : fed.entrySet()) {
            assertEquals(entry.getValue(), seen.get(entry.getKey()), "materials of " + entry.getKey());
        }
        assertEquals(rehearsal.hires(), products.size(), "one retirement per hire");
        assertTrue(products.stream().noneMatch(trace -> trace.seqs().isEmpty()), "no worker without material");
    }

    @Provide
    Arbitrary<Integer> caps() {
        return Arbitraries.integers().between(1, 7);
    }
}
