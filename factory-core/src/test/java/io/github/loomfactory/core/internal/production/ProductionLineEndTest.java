package io.github.loomfactory.core.internal.production;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.github.loomfactory.core.Await;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Ending a production line is a signal: a producer waiting for room learns of it at once. */
@Timeout(60)
class ProductionLineEndTest {

    @Test
    void endingTheLineReleasesAProducerWaitingForRoom() throws Exception {
        var line = new ProductionLine<String>(1);
        line.put("first");
        var outcome = new AtomicReference<Object>();
        Thread producer = Thread.ofVirtual().start(() -> {
            try {
                outcome.set(line.offer("second", 1, TimeUnit.DAYS));
            } catch (RuntimeException | InterruptedException e) {
                outcome.set(e);
            }
        });
        Await.until("the producer waits for room", () -> producer.getState() == Thread.State.TIMED_WAITING
                || producer.getState() == Thread.State.WAITING);
        line.end();
        Await.join(producer);
        assertInstanceOf(IllegalStateException.class, outcome.get(), "an ended line refuses the waiting item");
    }
}
