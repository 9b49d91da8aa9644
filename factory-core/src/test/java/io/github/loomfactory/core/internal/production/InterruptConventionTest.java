package io.github.loomfactory.core.internal.production;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.core.Await;
import io.github.loomfactory.core.FactorySettings;
import io.github.loomfactory.core.ManualClock;
import io.github.loomfactory.core.Part;
import io.github.loomfactory.core.Piece;
import io.github.loomfactory.core.Recorder;
import io.github.loomfactory.core.internal.supervision.Failures;
import io.github.loomfactory.core.internal.supervision.Remnants;
import io.github.loomfactory.core.internal.supervision.Tally;
import io.github.loomfactory.core.internal.transport.TransportationLine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The engine's one interrupt convention: a method that throws {@link InterruptedException} has
 * cleared the flag; whoever catches it without rethrowing sets the flag again.
 */
@Timeout(60)
class InterruptConventionTest {

    private static Workshop<Part, Piece> workshop() {
        var clock = new ManualClock();
        var settings = FactorySettings.builder().workshops(1).clock(clock).statusInterval(Duration.ZERO).build();
        var tally = new Tally();
        var leftovers = new Remnants<Part, Piece>();
        var failures = new Failures<Part>(settings.failurePolicy(), "recorder", rejection -> { }, tally, leftovers.refused);
        var transport = new TransportationLine<Piece>(settings.transportCapacity(), settings.shipmentSize());
        Settlement settlement = new Settlement() {
            @Override
            public void settle(long epoch) {
            }

            @Override
            public long nowMillis() {
                return clock.millis();
            }
        };
        return new Workshop<>(0, settings, new Recorder(), tally, transport, leftovers, failures, new PurchaseClock(clock),
                new EventClock(), settlement);
    }

    @Test
    void aWorkerCancelledWhileWaitingForItsPredecessorEndsWithItsInterruptFlagSet() throws Exception {
        var workshop = workshop();
        var predecessor = new Worker<>("p", workshop);
        var worker = new Worker<>("p", workshop);
        worker.follow(predecessor);
        var flagAfterwards = new AtomicBoolean();
        Thread thread = Thread.ofVirtual().start(() -> {
            Thread.currentThread().interrupt();
            worker.call();
            flagAfterwards.set(Thread.currentThread().isInterrupted());
        });
        Await.join(thread);
        assertTrue(flagAfterwards.get(), "the worker swallowed the interrupt without restoring the flag");
        assertTrue(worker.finished());
    }

    @Test
    void aWorkerCancelledOnAnEmptyBeltEndsWithItsInterruptFlagSet() throws Exception {
        var worker = new Worker<>("p", workshop());
        var flagAfterwards = new AtomicBoolean();
        Thread thread = Thread.ofVirtual().start(() -> {
            Thread.currentThread().interrupt();
            worker.call();
            flagAfterwards.set(Thread.currentThread().isInterrupted());
        });
        Await.join(thread);
        assertTrue(flagAfterwards.get());
        assertTrue(worker.finished());
    }
}
