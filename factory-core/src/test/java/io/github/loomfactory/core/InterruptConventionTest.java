package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
        var settings = FactorySettings.builder().workshops(1).clock(new ManualClock()).statusInterval(Duration.ZERO).build();
        return new Workshop<>(0, new Plant<>(settings, new Recorder(), rejection -> { }));
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
