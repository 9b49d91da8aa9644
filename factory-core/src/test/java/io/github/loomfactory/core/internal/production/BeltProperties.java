package io.github.loomfactory.core.internal.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A belt is a bounded single-producer, single-consumer FIFO, whatever its chunks' lengths and
 * however its backlog rises and falls: checked step by step against an {@link ArrayDeque}, and
 * with a producer and a consumer on two threads.
 */
class BeltProperties {

    /** A belt alone, as the engine's {@link Worker} extends it. */
    private static final class Bare extends Belt<Bare> {
        Bare() {
            super("pid");
        }
    }

    @Property(tries = 300)
    void aBeltKeepsItsItemsInOrderAndCountsItsBacklog(@ForAll @IntRange(min = 1, max = 300) int capacity,
            @ForAll("longestChunks") int longestChunk, @ForAll("steps") List<Integer> steps) {
        var belt = new Bare();
        var model = new ArrayDeque<Integer>();
        int next = 0;
        int chunk = Math.min(longestChunk, capacity + 1);
        for (int step : steps) {
            if (step > 0) {
                // puts, as the director makes them: never beyond the capacity
                for (int i = 0; i < step && belt.backlog() < capacity; i++) {
                    belt.put(next, belt.backlog(), chunk);
                    model.add(next++);
                }
            } else {
                for (int i = 0; i < -step && !belt.isEmpty(); i++) {
                    assertEquals(model.remove(), belt.take(), "the item at the head");
                }
            }
            assertEquals(model.size(), belt.backlog(), "backlog");
            assertEquals(model.isEmpty(), belt.isEmpty(), "empty");
            assertEquals(next, belt.deliveredCount(), "items put");
            assertEquals(next - model.size(), belt.takenCount(), "items taken");
        }
        var left = new ArrayList<Object>();
        while (!belt.isEmpty()) {
            left.add(belt.take());
        }
        assertEquals(new ArrayList<Object>(model), left, "what is left, in order");
    }

    @Property(tries = 20)
    void aProducerAndAConsumerOnTwoThreadsHandOverEveryItemOnceInOrder(@ForAll @IntRange(min = 1, max = 64) int capacity,
            @ForAll("longestChunks") int longestChunk, @ForAll @IntRange(min = 1, max = 200_000) int items)
            throws InterruptedException {
        var belt = new Bare();
        int chunk = Math.min(longestChunk, capacity + 1);
        Integer[] boxed = new Integer[items];
        for (int i = 0; i < items; i++) {
            boxed[i] = i;
        }
        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < items; i++) {
                int backlog;
                while ((backlog = belt.backlog()) >= capacity) {
                    Thread.onSpinWait();
                }
                belt.put(boxed[i], backlog, chunk);
            }
        });
        int taken = 0;
        while (taken < items) {
            if (belt.isEmpty()) {
                Thread.onSpinWait();
                continue;
            }
            Object item = belt.take();
            assertSame(boxed[taken], item, "item " + taken + " in order");
            assertTrue(belt.backlog() >= 0 && belt.backlog() <= capacity, "the backlog stays within the capacity");
            taken++;
        }
        producer.join();
        assertTrue(belt.isEmpty(), "nothing left");
        assertEquals(items, belt.takenCount());
    }

    @Provide
    Arbitrary<Integer> longestChunks() {
        return Arbitraries.integers().between(2, Belt.CHUNK);
    }

    /** Positive: up to that many puts; otherwise up to minus that many takes. */
    @Provide
    Arbitrary<List<Integer>> steps() {
        return Arbitraries.integers().between(-400, 400).list().ofMinSize(1).ofMaxSize(60);
    }
}
