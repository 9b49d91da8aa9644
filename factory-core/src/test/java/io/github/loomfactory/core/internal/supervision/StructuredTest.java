package io.github.loomfactory.core.internal.supervision;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A failure leaves {@link Structured#run} as it is, even when the JVM throws one preallocated
 * out-of-memory error in several threads at once ("Self-suppression not permitted" hid it).
 */
@Timeout(60)
class StructuredTest {

    @Test
    void oneErrorThrownByTheOwnerAndAForkedThreadAlikeLeavesAsItIs() {
        var shared = new OutOfMemoryError("Java heap space (one preallocated instance)");
        var forkedFailed = new CountDownLatch(1);
        var thrown = assertThrows(OutOfMemoryError.class, () -> Structured.run("test", Thread.ofVirtual().factory(), forker -> {
            forker.fork(() -> {
                forkedFailed.countDown();
                throw shared;
            });
            forkedFailed.await(10, TimeUnit.SECONDS);
            throw shared;
        }));
        assertSame(shared, thrown);
        assertArrayEquals(new Throwable[0], thrown.getSuppressed());
    }

    @Test
    void aThrowableIsNeverSuppressedByItself() {
        var error = new OutOfMemoryError("shared");
        Structured.suppress(error, error);
        assertArrayEquals(new Throwable[0], error.getSuppressed());
        var other = new IllegalStateException("other");
        Structured.suppress(error, other);
        assertArrayEquals(new Throwable[] {other}, error.getSuppressed());
    }
}
