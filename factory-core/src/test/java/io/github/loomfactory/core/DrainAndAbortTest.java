package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.Retirement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rule 6: {@code close()} drains everything and closes the warehouse once; {@code abort} with a
 * deadline hands back exactly what it left undone.
 */
@Timeout(60)
class DrainAndAbortTest {
    private final Recorder recorder = new Recorder();
    private final Depot depot = new Depot();
    private final ConcurrentLinkedQueue<Rejection<Part>> deadLetters = new ConcurrentLinkedQueue<>();

    private static FactorySettings.Builder settings() {
        return FactorySettings.builder()
                .workshops(2)
                .clock(new ManualClock())
                .statusInterval(Duration.ZERO);
    }

    private Factory<Part, Piece> start(FactorySettings.Builder settings) {
        return Factory.builder(recorder, depot).settings(settings.build()).deadLetters(deadLetters::add).start();
    }

    private static List<Part> stream(int pids, int each) {
        List<Part> parts = new ArrayList<>();
        for (int seq = 0; seq < each; seq++) {
            for (int pid = 0; pid < pids; pid++) {
                parts.add(Part.of(pid, seq));
            }
        }
        return parts;
    }

    private static <T> Map<T, Integer> counts(Iterable<T> items) {
        Map<T, Integer> counts = new HashMap<>();
        items.forEach(item -> counts.merge(item, 1, Integer::sum));
        return counts;
    }

    @Test
    void closeWithMaterialsQueuedShipsEverythingAndRetiresEachWorkerOnceForDrain() throws Exception {
        var go = new CountDownLatch(1);
        recorder.beforeAccept = part -> assertTrue(go.await(Await.DEADLINE.toMillis(), TimeUnit.MILLISECONDS));
        var factory = start(settings().lineCapacity(10_000).beltCapacity(4).shipmentSize(64));
        try (factory) {
            factory.purchaseAll(stream(50, 100));
            // every assembly is stuck on its first material: the rest waits on belts, in a director's
            // hands or on the lines
            long waiting = factory.stats().purchased() - recorder.handed.get();
            go.countDown();
            assertTrue(waiting > 2_000, () -> waiting + " materials queued when close() is called");
        }
        for (int pid = 0; pid < 50; pid++) {
            assertEquals(List.of(Retirement.DRAIN), recorder.log(pid).retirements(), "retirements of " + pid);
            assertEquals(100, recorder.log(pid).handed().size());
        }
        List<Piece> shipped = depot.products();
        assertEquals(50, shipped.stream().filter(p -> p.note().equals("retired DRAIN after 100")).count());
        assertEquals(counts(recorder.emitted), counts(shipped));
        assertEquals(1, depot.closes.get());
        assertEquals(List.of(), depot.violations(), "nothing shipped after the warehouse closed");
        var stats = factory.stats();
        assertEquals(5_000, stats.purchased());
        assertEquals(stats.purchased(), stats.processed());
        assertEquals(stats.emitted(), stats.shipped());
        assertEquals(stats.hires(), stats.retirements());
        assertEquals(List.of(0, 0), stats.rosters());
        assertEquals(List.of(0, 0), stats.lineBacklogs());
        assertEquals(0, stats.transportBacklog());
    }

    @Test
    void closeIsIdempotentAndClosesTheWarehouseOnce() throws Exception {
        var factory = start(settings());
        factory.purchaseAll(stream(5, 5));
        factory.close();
        var stats = factory.stats();
        factory.close();
        assertEquals(1, depot.closes.get());
        assertEquals(stats.shipped(), factory.stats().shipped());
        assertEquals(30, depot.received());
    }

    @Test
    void purchaseAfterCloseIsRefusedWithAClearMessage() throws Exception {
        var factory = start(settings());
        factory.close();
        var refused = assertThrows(IllegalStateException.class, () -> factory.purchase(Part.of("late", 0)));
        assertEquals("factory is closed: purchase before close()", refused.getMessage());
        assertEquals(0, factory.purchaseAll(List.of(Part.of("late", 0))));
        assertEquals(0, factory.stats().purchased());
        assertEquals(0, recorder.handed.get());
    }

    @Test
    void nullMaterialOrPidIsRefused() throws Exception {
        try (var factory = start(settings())) {
            var noMaterial = assertThrows(NullPointerException.class, () -> factory.purchase(null));
            assertEquals("material", noMaterial.getMessage());
            var noPid = assertThrows(NullPointerException.class, () -> factory.purchase(new Part(null, 0, -1, 1)));
            assertEquals("pid of material null#0", noPid.getMessage());
        }
        assertEquals(0, recorder.handed.get());
    }

    @Test
    void closeWhilePurchasingFromAnotherThreadLosesNothingBought() throws Exception {
        var factory = start(settings().lineCapacity(8).beltCapacity(2));
        var bought = new AtomicLong();
        var endless = new Iterable<Part>() {
            @Override
            public Iterator<Part> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return true;
                    }

                    @Override
                    public Part next() {
                        int n = next++;
                        return Part.of(n % 20, n / 20);
                    }
                };
            }
        };
        Thread buyer = Thread.ofVirtual().start(() -> {
            try {
                bought.set(factory.purchaseAll(endless));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Await.until("purchasing under way", () -> recorder.handed.get() > 1_000);
        factory.close();
        Await.join(buyer);
        assertEquals(bought.get(), factory.stats().purchased());
        assertEquals(bought.get(), recorder.handed.get(), "every material bought before close() was processed");
        assertEquals(counts(recorder.emitted), counts(depot.products()));
    }

    @Test
    void abortOfAFactoryThatDrainsInTimeLeavesNothing() throws Exception {
        var factory = start(settings());
        factory.purchaseAll(stream(10, 10));
        var leftovers = factory.abort(Duration.ofSeconds(5));
        assertTrue(leftovers.isEmpty(), leftovers::toString);
        assertEquals(110, depot.received(), "100 materials and 10 retirements");
        assertEquals(1, depot.closes.get());
        assertEquals(List.of(), List.copyOf(deadLetters));
        factory.close();
    }

    @Test
    void abortWithAStuckAssemblyHandsBackExactlyWhatWasNotFinished() throws Exception {
        var never = new CountDownLatch(1);
        recorder.afterEmit = part -> {
            if (part.pid().equals("stuck") && part.seq() == 1) {
                never.await();
            }
        };
        var parts = new ArrayList<Part>();
        for (int seq = 0; seq < 5; seq++) {
            parts.add(Part.of("stuck", seq));
        }
        parts.addAll(stream(10, 5));
        var factory = start(settings().beltCapacity(8).shipmentSize(20));
        factory.purchaseAll(parts);
        Await.until("everything but the stuck pid handed over", () -> recorder.handed.get() == 2 + 50);

        var leftovers = factory.abort(Duration.ofMillis(200));
        never.countDown();

        var stats = factory.stats();
        assertEquals(Set.of(Part.of("stuck", 1), Part.of("stuck", 2), Part.of("stuck", 3), Part.of("stuck", 4)),
                new HashSet<>(leftovers.materials()), "materials not finished");
        assertEquals(leftovers.materials().size(), new HashSet<>(leftovers.materials()).size());
        assertEquals(parts.size(), recorder.completed.get() + leftovers.materials().size());
        assertEquals(stats.purchased(), stats.processed() + leftovers.materials().size() + stats.rejected());

        List<Piece> shippedOrLeft = new ArrayList<>(depot.products());
        shippedOrLeft.addAll(leftovers.products());
        assertEquals(counts(recorder.emitted), counts(shippedOrLeft), "emitted == shipped + leftovers");
        assertEquals(stats.emitted(), stats.shipped() + leftovers.products().size());

        assertEquals(recorder.created.get() - recorder.retired.get(), leftovers.workers(), "workers not retired");
        assertTrue(leftovers.workers() >= 1);
        assertEquals(leftovers, factory.abort(Duration.ofMillis(200)), "a second abort reports the same");
        assertEquals(1, depot.closes.get(), "an aborted factory closes its warehouse too");
        assertEquals(List.of(), List.copyOf(deadLetters), "leftovers are handed back once, as leftovers");
        factory.close(); // an abort is no failure: closing afterwards has nothing to report
    }

    @Test
    void abortWhileTheDirectorWaitsToRetireAStuckWorkerLosesNoMaterialItHolds() throws Exception {
        var clock = new ManualClock();
        var never = new CountDownLatch(1);
        recorder.beforeAccept = part -> {
            if (part.pid().equals("stuck")) {
                never.await();
            }
        };
        var factory = start(settings().workshops(1).beltCapacity(1).clock(clock).contract(Duration.ofSeconds(10)));
        factory.purchase(Part.of("stuck", 0));
        factory.purchase(Part.of("stuck", 1));
        Await.until("the stuck worker's belt is full", () -> recorder.handed.get() == 1
                && factory.stats().lineBacklog() == 0);
        // the director takes x#0 together with the news that the stuck worker's contract ran out,
        // and waits for room on its full belt to retire it
        clock.advance(Duration.ofSeconds(10));
        factory.purchase(Part.of("x", 0));
        Await.until("x#0 taken off the line", () -> factory.stats().lineBacklog() == 0);

        var leftovers = factory.abort(Duration.ofMillis(200));
        never.countDown();
        assertEquals(3, recorder.completed.get() + leftovers.materials().size(), () -> "handed back: " + leftovers.materials()
                + ", completed: " + recorder.completed.get());
        assertEquals(factory.stats().purchased(), factory.stats().processed() + leftovers.materials().size());
    }

    @Test
    void abortWhilePurchasingIsBlockedReturnsAndRefusesThePurchase() throws Exception {
        var shut = new CountDownLatch(1);
        depot.gate = shipment -> shut.await();
        var factory = start(settings().workshops(1).lineCapacity(2).beltCapacity(1).transportCapacity(1).shipmentSize(1));
        var refused = new ConcurrentLinkedQueue<Throwable>();
        Thread buyer = Thread.ofPlatform().start(() -> {
            try {
                for (int seq = 0; ; seq++) {
                    factory.purchase(Part.of("a", seq));
                }
            } catch (Throwable t) {
                refused.add(t);
            }
        });
        Await.until("purchasing blocks", () -> buyer.getState() == Thread.State.TIMED_WAITING
                && factory.stats().lineBacklog() == 2);
        var left = new java.util.concurrent.atomic.AtomicReference<Leftovers<Part, Piece>>();
        var aborting = Thread.ofPlatform().start(() -> left.set(factory.abort(Duration.ofMillis(200))));
        try {
            Await.join(aborting);
            Await.join(buyer);
        } finally {
            shut.countDown();
        }
        assertTrue(refused.peek() instanceof IllegalStateException, () -> "purchase ended with " + refused);
        // refused while it waited, or (if the drain made room first) accepted, and the next one refused
        assertTrue(Set.of("factory closed while the purchase waited for room: not accepted",
                "factory is closed: purchase before close()").contains(refused.peek().getMessage()),
                () -> "refused with " + refused.peek().getMessage());
        var leftovers = left.get();
        var stats = factory.stats();
        assertEquals(stats.purchased(), recorder.completed.get() + leftovers.materials().size());
        assertEquals(stats.purchased(), stats.processed() + leftovers.materials().size());
        List<Piece> shippedOrLeft = new ArrayList<>(depot.products());
        shippedOrLeft.addAll(leftovers.products());
        assertEquals(counts(recorder.emitted), counts(shippedOrLeft), "emitted == shipped + leftovers");
        assertEquals(stats.emitted(), stats.shipped() + leftovers.products().size());
        assertEquals(1, depot.closes.get(), "the warehouse that was cancelled while receiving is closed");
    }
}
