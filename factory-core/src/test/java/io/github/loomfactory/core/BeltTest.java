package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A worker's belt of linked chunks: chunks grow while materials pile up and start small again
 * once the belt ran empty, and every material crosses them in order, whether the worker takes it
 * or an abort hands it back.
 */
@Timeout(60)
class BeltTest {
    private static final String PID = "p";

    private final Recorder recorder = new Recorder();
    private final Depot depot = new Depot();
    private final CountDownLatch go = new CountDownLatch(1);

    BeltTest() {
        recorder.beforeAccept = part -> {
            if (part.seq() == 0) {
                assertTrue(go.await(Await.DEADLINE.toMillis(), TimeUnit.MILLISECONDS), "the test lets the worker go");
            }
        };
    }

    private static FactorySettings settings(int beltCapacity) {
        return FactorySettings.builder()
                .workshops(1)
                .lineCapacity(8)
                .beltCapacity(beltCapacity)
                .clock(new ManualClock())
                .statusInterval(Duration.ZERO)
                .build();
    }

    @ParameterizedTest(name = "belt capacity {0}")
    @ValueSource(ints = {1, 2, 3, 15, 16, 17, 256})
    void aBeltThatFillsUpAndRunsEmptyAgainHandsOverEveryMaterialInOrder(int beltCapacity) throws Exception {
        int piled = 3 * beltCapacity + 100;
        int trickled = 40;
        try (var factory = Factory.builder(recorder, depot).settings(settings(beltCapacity)).start()) {
            // the worker holds its first material while the belt fills to its capacity
            Thread buyer = Thread.ofVirtual().start(() -> {
                try {
                    for (int seq = 0; seq < piled; seq++) {
                        factory.purchase(Part.of(PID, seq));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Await.until("the belt is full", () -> factory.stats().purchased() >= Math.min(piled, beltCapacity + 1));
            go.countDown();
            Await.join(buyer);
            Await.until("the pile is handled", () -> recorder.handed.get() == piled);
            // then one material at a time, each on an empty belt
            for (int seq = piled; seq < piled + trickled; seq++) {
                factory.purchase(Part.of(PID, seq));
                int handed = seq + 1;
                Await.until("material " + seq + " is handled", () -> recorder.handed.get() == handed);
            }
        }
        assertEquals(IntStream.range(0, piled + trickled).boxed().toList(), recorder.log(PID).handed());
        assertEquals(1, recorder.created.get(), "one worker did it all");
    }

    @Test
    void anAbortHandsBackEveryMaterialLeftOnTheBeltInOrder() throws Exception {
        int beltCapacity = 300;
        int bought = beltCapacity + 1;
        var factory = Factory.builder(recorder, depot).settings(settings(beltCapacity)).start();
        for (int seq = 0; seq < bought; seq++) {
            factory.purchase(Part.of(PID, seq));
        }
        Await.until("all on the belt or in hand", () -> factory.stats().lineBacklogs().equals(List.of(0)),
                factory::stats);

        var leftovers = factory.abort(Duration.ofMillis(100));

        var expected = IntStream.range(0, bought).mapToObj(seq -> Part.of(PID, seq)).toList();
        assertEquals(expected, leftovers.materials(), "the one in hand first, then the belt in order");
        assertEquals(1, leftovers.workers());
        go.countDown();
        factory.close();
    }
}
