package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The thread tree a thread dump shows: a virtual worker per live pid ({@code workshop-N/worker},
 * or {@code worker-<pid>} with worker names on), a {@code workshop-N/director} per workshop,
 * {@code transportation/stevedore} for shipping.
 */
@Timeout(60)
class ThreadNamesTest {
    private final Recorder recorder = new Recorder();
    private final Depot depot = new Depot();

    private static FactorySettings settings(int workshops) {
        return FactorySettings.builder()
                .workshops(workshops)
                .clock(new ManualClock())
                .statusInterval(Duration.ZERO)
                .build();
    }

    /** A pid that notes which threads hash it: purchasing routes by its hash, directors look it up. */
    record Spy(int id, Set<String> seenBy) {
        @Override
        public int hashCode() {
            seenBy.add(Thread.currentThread().getName());
            return id * 0x61C88647;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Spy spy && spy.id == id;
        }

        @Override
        public String toString() {
            return "spy" + id;
        }
    }

    /** A blueprint that never hashes a pid, so that only the engine's threads do. */
    static final class NoHashing implements Blueprint<Part, Piece> {
        @Override
        public String name() {
            return "no-hashing";
        }

        @Override
        public Class<Part> materialType() {
            return Part.class;
        }

        @Override
        public Class<Piece> productType() {
            return Piece.class;
        }

        @Override
        public Assembly<Part, Piece> newAssembly(Object pid) {
            return (part, out) -> { };
        }
    }

    @Test
    void withWorkerNamesWorkersAreVirtualThreadsNamedAfterTheirPid() throws Exception {
        var names = new ConcurrentHashMap<Object, String>();
        recorder.beforeAccept = part -> {
            assertTrue(Thread.currentThread().isVirtual());
            names.put(part.pid(), Thread.currentThread().getName());
        };
        var named = settings(2).toBuilder().workerNames(true).build();
        try (var factory = Factory.builder(recorder, depot).settings(named).start()) {
            factory.purchaseAll(List.of(Part.of("alpha", 0), Part.of(42, 0), Part.of(new Key(7), 0)));
        }
        assertEquals(java.util.Map.of("alpha", "worker-alpha", 42, "worker-42", new Key(7), "worker-k7"), names);
        assertEquals(List.of(), recorder.violations());
    }

    @Test
    void byDefaultWorkersAreVirtualThreadsNamedAfterTheirWorkshop() throws Exception {
        var names = new ConcurrentHashMap<Object, String>();
        recorder.beforeAccept = part -> {
            assertTrue(Thread.currentThread().isVirtual());
            names.put(part.pid(), Thread.currentThread().getName());
        };
        try (var factory = Factory.builder(recorder, depot).settings(settings(1)).start()) {
            factory.purchaseAll(List.of(Part.of("alpha", 0), Part.of(42, 0)));
        }
        assertEquals(java.util.Map.of("alpha", "workshop-0/worker", 42, "workshop-0/worker"), names);
        assertEquals(List.of(), recorder.violations());
    }

    @Test
    void directorsAreNamedAfterTheirWorkshop() throws Exception {
        Set<String> seenBy = ConcurrentHashMap.newKeySet();
        try (var factory = Factory.builder(new NoHashing(), depot).settings(settings(3)).start()) {
            for (int id = 0; id < 60; id++) {
                factory.purchase(Part.of(new Spy(id, seenBy), 0));
            }
        }
        Set<String> engine = new HashSet<>(seenBy);
        engine.remove(Thread.currentThread().getName());
        assertEquals(Set.of("workshop-0/director", "workshop-1/director", "workshop-2/director"), engine);
    }

    @Test
    void shipmentsAndDeadLettersRunOnTheirDepartmentsThreads() throws Exception {
        var deadLetterThreads = ConcurrentHashMap.<String>newKeySet();
        recorder.beforeAccept = part -> {
            if (part.seq() == 1) {
                throw new IllegalStateException("reject " + part);
            }
        };
        var factory = Factory.builder(recorder, depot).settings(settings(1).toBuilder().workerNames(true).build())
                .deadLetters(rejection -> deadLetterThreads.add(Thread.currentThread().getName()))
                .start();
        try (factory) {
            factory.purchaseAll(List.of(Part.of("a", 0), Part.of("a", 1)));
        }
        assertEquals(Set.of("worker-a"), deadLetterThreads);
        assertEquals(List.of(), depot.violations(), "every shipment on transportation/stevedore");
        assertTrue(depot.received() > 0);
    }
}
