package io.github.loomfactory.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The material streams are exactly those of BENCHMARKS.md. */
class MaterialsTest {

    @Test
    void uniformDrawsPidThenValueFromSeed42() {
        var rnd = new SplittableRandom(42);
        long[] seqs = new long[100_000];
        var stream = Materials.uniform(100_000, 10_000);
        for (int i = 0; i < 10_000; i++) {
            int pid = rnd.nextInt(100_000);
            long value = rnd.nextLong(1000);
            assertEquals(Part.of(pid, seqs[pid]++, value), stream.next(), "material " + i);
        }
        assertFalse(stream.hasNext());
    }

    @Test
    void uniformStreamIsPinned() {
        // the first W1 materials, so that other implementations can compare their streams
        var stream = Materials.uniform(Workload.W1.k, Workload.W1.n);
        assertEquals(List.of(Part.of(45_031, 0, 145), Part.of(22_481, 0, 882), Part.of(86_781, 0, 531)),
                List.of(stream.next(), stream.next(), stream.next()));
        long checksum = 0;
        for (int i = 3; i < 1_000_000; i++) {
            checksum += stream.next().value() * 2;
        }
        assertEquals(998_701_880L, checksum);
    }

    @Test
    void uniformIsDeterministic() {
        var first = Materials.uniform(1000, 5000);
        var second = Materials.uniform(1000, 5000);
        while (first.hasNext()) {
            assertEquals(first.next(), second.next());
        }
        assertFalse(second.hasNext());
    }

    @Property(tries = 50)
    void uniformCountsSeqPerPid(@ForAll @IntRange(min = 1, max = 500) int k, @ForAll @IntRange(max = 3000) int n) {
        var stream = Materials.uniform(k, n);
        long[] next = new long[k];
        int made = 0;
        while (stream.hasNext()) {
            Part part = stream.next();
            assertTrue(part.id() >= 0 && part.id() < k, part.toString());
            assertTrue(part.value() >= 0 && part.value() < 1000, part.toString());
            assertEquals(next[(int) part.id()]++, part.seq(), part.toString());
            made++;
        }
        assertEquals(n, made);
    }

    @Test
    void exactFollowsTheWindowAlgorithmWordForWord() {
        assertEquals(reference(50, 3, 7), all(Materials.exact(50, 3, 7)));
        assertEquals(reference(2000, 10, 1000), all(Materials.exact(2000, 10, 1000)));
        assertEquals(reference(3000, 2, 3000), all(Materials.exact(3000, 2, 3000)));
    }

    @Test
    void exactStreamIsPinned() {
        var stream = Workload.W2.stream(Workload.W2.k, Workload.W2.n);
        assertEquals(List.of(Part.of(31, 0, 145), Part.of(481, 0, 882), Part.of(781, 0, 531)),
                List.of(stream.next(), stream.next(), stream.next()));
        assertEquals(10_000_000, stream.count());
    }

    @Property(tries = 100)
    void exactGivesEveryPidPerMaterialsInOrderWithinTheWindow(@ForAll @IntRange(min = 1, max = 300) int k,
            @ForAll @IntRange(min = 1, max = 6) int per, @ForAll @IntRange(min = 1, max = 400) int window) {
        var stream = Materials.exact(k, per, window);
        int[] seen = new int[k];
        var open = new HashSet<Long>();
        int finished = 0;
        int made = 0;
        while (stream.hasNext()) {
            Part part = stream.next();
            int pid = (int) part.id();
            assertEquals(seen[pid]++, part.seq(), part.toString());
            if (part.seq() == 0) {
                open.add(part.pid());
                // waiting pids take the slots of finished ones, in order: pid p waits for p - window + 1 of them
                assertTrue(finished >= pid - window + 1, "pid " + pid + " started with " + finished + " pids finished");
            }
            assertTrue(open.size() <= Math.min(window, k), "at most window pids open: " + open.size());
            if (seen[pid] == per) {
                open.remove(part.pid());
                finished++;
            }
            made++;
        }
        assertEquals((long) k * per, made);
        for (int pid = 0; pid < k; pid++) {
            assertEquals(per, seen[pid], "materials of pid " + pid);
        }
    }

    @Test
    void w4WindowIsK() {
        var stream = Workload.W4.stream(10, 20);
        assertEquals(all(Materials.exact(10, 2, 10)), all(stream));
    }

    @Test
    void misuseIsNamed() {
        assertEquals("pids (K) must be at least 1: 0",
                assertThrows(IllegalArgumentException.class, () -> Materials.uniform(0, 1)).getMessage());
        assertEquals("materials per pid must be at least 1: 0",
                assertThrows(IllegalArgumentException.class, () -> Materials.exact(1, 0, 1)).getMessage());
        assertEquals("W2 gives every pid the same number of materials: N (15) must be a positive multiple of K (10)",
                assertThrows(IllegalArgumentException.class, () -> Workload.W2.stream(10, 15)).getMessage());
        var ended = Materials.uniform(1, 0);
        assertEquals("the stream has ended after 0 materials",
                assertThrows(IllegalStateException.class, ended::next).getMessage());
    }

    private static List<Part> all(Materials stream) {
        var parts = new ArrayList<Part>();
        while (stream.hasNext()) {
            parts.add(stream.next());
        }
        return parts;
    }

    /** BENCHMARKS.md's exact stream, written as a list of open slots and a queue of waiting pids. */
    private static List<Part> reference(int k, int per, int window) {
        var rnd = new SplittableRandom(42);
        var slots = new ArrayList<long[]>();
        var waiting = new ArrayDeque<Long>();
        for (long pid = 0; pid < k; pid++) {
            if (pid < window) {
                slots.add(new long[] {pid, 0});
            } else {
                waiting.add(pid);
            }
        }
        var parts = new ArrayList<Part>();
        while (!slots.isEmpty()) {
            int i = rnd.nextInt(slots.size());
            long[] slot = slots.get(i);
            long seq = slot[1]++;
            parts.add(Part.of(slot[0], seq, rnd.nextLong(1000)));
            if (slot[1] == per) {
                if (!waiting.isEmpty()) {
                    slots.set(i, new long[] {waiting.poll(), 0});
                } else {
                    long[] last = slots.removeLast();
                    if (i < slots.size()) {
                        slots.set(i, last);
                    }
                }
            }
        }
        return parts;
    }
}
