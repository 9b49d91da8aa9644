package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Emitter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rule 5 inside one callback: an assembly that emits a flood while the warehouse is stuck is held
 * back by {@code emit} itself, not only at the end of its round; an interrupt while it waits
 * reaches the end of the callback as the thread's interrupt flag.
 */
@Timeout(60)
class EmitBackpressureTest {
    private static final int FLOOD = 200_000;
    private static final int TRANSPORT = 1_024;

    private final Depot depot = new Depot();
    private final CountDownLatch warehouseOpen = new CountDownLatch(1);
    private final AtomicLong emitted = new AtomicLong();
    private final AtomicReference<Thread> emitter = new AtomicReference<>();
    private final AtomicBoolean sawInterrupt = new AtomicBoolean();

    EmitBackpressureTest() {
        depot.gate = shipment -> assertTrue(warehouseOpen.await(Await.DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** One material of pid "flood" makes {@value #FLOOD} products in one callback. */
    private final class Flood implements Blueprint<Part, Piece> {
        @Override
        public String name() {
            return "flood";
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
            return (Part part, Emitter<Piece> out) -> {
                emitter.set(Thread.currentThread());
                for (int i = 0; i < FLOOD; i++) {
                    out.emit(new Piece(pid, i, "c0", "flood"));
                    emitted.incrementAndGet();
                    if (Thread.currentThread().isInterrupted()) {
                        sawInterrupt.set(true);
                        return;
                    }
                }
            };
        }
    }

    private Factory<Part, Piece> start() {
        var settings = FactorySettings.builder()
                .workshops(1)
                .transportCapacity(TRANSPORT)
                .shipmentSize(100)
                .clock(new ManualClock())
                .statusInterval(Duration.ZERO)
                .build();
        return Factory.builder(new Flood(), depot).settings(settings).start();
    }

    /** True once the flooding callback has emitted everything or waits inside {@code emit}. */
    private boolean stoppedOrDone() {
        Thread thread = emitter.get();
        return emitted.get() == FLOOD || thread != null && thread.getState() == Thread.State.WAITING;
    }

    @Test
    void emitWaitsWhileTheTransportationLineIsFull() throws Exception {
        var factory = start();
        factory.purchase(Part.of("flood", 0));
        Await.until("the flood is held back or done", this::stoppedOrDone, emitted::get);
        long held = emitted.get();
        assertTrue(held < FLOOD, "a full transportation line holds emit back: " + held + " emitted while the warehouse is stuck");
        assertTrue(held <= 4L * TRANSPORT, () -> held + " products emitted with room for " + TRANSPORT);
        warehouseOpen.countDown();
        factory.close();
        assertEquals(FLOOD, depot.products().size(), "every product is shipped once the warehouse takes them");
    }

    @Test
    void anInterruptWhileEmitWaitsReachesTheEndOfTheCallbackAndItsProductsAreHandedBack() throws Exception {
        var factory = start();
        factory.purchase(Part.of("flood", 0));
        Await.until("the flood is held back or done", this::stoppedOrDone, emitted::get);
        warehouseOpen.countDown();
        var leftovers = factory.abort(Duration.ZERO);
        assertTrue(sawInterrupt.get(), "the callback saw its interrupt flag after emit returned");
        assertEquals(emitted.get(), depot.products().size() + leftovers.products().size(),
                () -> "every product emitted is shipped or handed back: " + leftovers);
    }
}
