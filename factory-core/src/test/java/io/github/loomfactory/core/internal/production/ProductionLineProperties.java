package io.github.loomfactory.core.internal.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A production line is a bounded FIFO of items and their stamps, whatever its capacity and
 * however its ring has wrapped: checked step by step against a bounded {@link ArrayDeque}.
 */
class ProductionLineProperties {

    @Property(tries = 200)
    void aLineKeepsItemsAndStampsInOrderWithinItsCapacity(@ForAll("capacities") int capacity,
            @ForAll("batches") List<Integer> batches) throws InterruptedException {
        var clock = new AtomicLong();
        var line = new ProductionLine<Integer>(capacity, clock::incrementAndGet);
        var model = new ArrayDeque<long[]>(); // {item, stamp}
        int next = 0;
        for (int batch : batches) {
            if (batch > 0) {
                // puts: those beyond the capacity are refused at once
                for (int i = 0; i < batch; i++) {
                    boolean put = line.offer(next, 0, TimeUnit.NANOSECONDS);
                    assertEquals(model.size() < capacity, put, "room on the line");
                    if (put) {
                        model.add(new long[] {next, clock.get()});
                        next++;
                    }
                }
            } else {
                int max = -batch;
                var taken = new ArrayList<Integer>();
                long[] stamps = new long[max];
                int n = line.takeAll(taken, stamps, max, 0);
                assertEquals(Math.min(max, model.size()), n, "items taken");
                for (int i = 0; i < n; i++) {
                    long[] expected = model.remove();
                    assertEquals(expected[0], taken.get(i).longValue(), "item in line order");
                    assertEquals(expected[1], stamps[i], "its stamp");
                }
            }
            assertEquals(model.size(), line.size());
        }
        List<Integer> left = line.clear();
        assertEquals(model.stream().map(entry -> (int) entry[0]).toList(), left, "what is left, in order");
        assertEquals(0, line.size());
    }

    @Provide
    Arbitrary<Integer> capacities() {
        return Arbitraries.oneOf(Arbitraries.of(1, 2, 3, 1023, 1024, 1025, 2048, 2049),
                Arbitraries.integers().between(1, 5000));
    }

    /** Positive: that many puts; otherwise a take of at most minus that many (zero: a take of none). */
    @Provide
    Arbitrary<List<Integer>> batches() {
        return Arbitraries.integers().between(-1500, 1500).list().ofMinSize(1).ofMaxSize(40);
    }

    @Example
    void anEndedLineRefusesPutsAndSaysSoOnceEmpty() throws InterruptedException {
        var line = new ProductionLine<String>(4);
        assertEquals(true, line.offer("a", 0, TimeUnit.NANOSECONDS));
        line.end();
        assertThrows(IllegalStateException.class, () -> line.offer("b", 0, TimeUnit.NANOSECONDS));
        var taken = new ArrayList<String>();
        assertEquals(1, line.takeAll(taken, null, 10, 0));
        assertEquals(List.of("a"), taken);
        assertEquals(-1, line.takeAll(taken, null, 10, 0));
    }
}
