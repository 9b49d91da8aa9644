package io.github.loomfactory.core.internal.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.core.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The transportation line's bound is exact: however many workers put at once, it never holds
 * more than its capacity (a batch larger than the capacity waits for an empty line).
 */
@Timeout(120)
class TransportationLineBoundTest {
    private static final int CAPACITY = 4;
    private static final int PRODUCERS = 8;

    @Test
    void concurrentPutsNeverOverfillTheLine() throws Exception {
        int each = 5_000;
        var line = new TransportationLine<String>(CAPACITY, 1);
        var start = new CountDownLatch(1);
        List<Thread> producers = new ArrayList<>();
        for (int i = 0; i < PRODUCERS; i++) {
            String item = "p" + i;
            producers.add(Thread.ofPlatform().start(() -> {
                try {
                    assertTrue(start.await(Await.DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
                    for (int n = 0; n < each; n++) {
                        line.put(item);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        start.countDown();
        List<String> taken = new ArrayList<>();
        long total = 0;
        int largest = 0;
        while (total < (long) each * PRODUCERS) {
            // the consumer takes everything on the line at once: never more than the capacity
            line.takeAll(taken::add, TimeUnit.MILLISECONDS.toNanos(1));
            largest = Math.max(largest, taken.size());
            total += taken.size();
            taken.clear();
        }
        for (Thread producer : producers) {
            Await.join(producer);
        }
        int most = largest;
        assertTrue(most <= CAPACITY, () -> most + " products on a line of " + CAPACITY);
    }

    @Test
    void aBatchLargerThanTheCapacityMovesOnAnEmptyLine() throws Exception {
        var line = new TransportationLine<String>(CAPACITY, CAPACITY);
        line.putAll(new Object[] {"a", "b", "c", "d", "e", "f"}, 6);
        List<String> taken = new ArrayList<>();
        line.takeAll(taken::add, 0);
        assertTrue(taken.equals(List.of("a", "b", "c", "d", "e", "f")), taken::toString);
    }
}
