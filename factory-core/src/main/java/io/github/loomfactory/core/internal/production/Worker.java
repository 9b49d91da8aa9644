package io.github.loomfactory.core.internal.production;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Emitter;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Retirement;
import io.github.loomfactory.core.internal.supervision.Flight;
import io.github.loomfactory.core.internal.supervision.Threads;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * One live pid: a virtual thread running the pid's {@link Assembly} over its conveyor
 * {@link Belt}, which it extends (a roster may hold millions of workers: one object each).
 *
 * <p>The worker parks when its belt is empty, and the director unparks it only when it finds it
 * parked, i.e. on the belt's empty to non-empty edge. Both sides use the same handshake (a
 * volatile write of their own state, then a volatile read of the other side's), so a wake-up is
 * never missed:
 * <pre>
 *   worker:   parked = true;  if (belt empty) park();   parked = false;
 *   director: put on belt;    if (parked) unpark(worker);
 * </pre>
 * The director waits for room on a full belt with the mirror image ({@code directorWaiting}).
 *
 * <p>Retiring is not an item on the belt but a field the director sets after its last delivery:
 * the worker retires when it finds its belt empty and the field set, reading the field before
 * the belt, so every material delivered before the retirement is taken first. A drain thus
 * tells a million workers to retire without a million belt slots, and without writing a new
 * object into each of a million old ones (each such write is a card for the collector to scan).
 *
 * <p>Products emitted during one round (the materials taken off the belt without parking) are
 * handed to the transportation line as one batch, when the belt runs empty or, inside
 * {@link #emit}, when the batch is full. A round's products share one field, and a pid whose
 * assembly could not be made gets an {@link Unhired} assembly instead of a field for the failure.
 *
 * <p>A worker's life: {@code HIRED -> (waits for its predecessor of the same pid) -> WORKING ->
 * RETIRED}, or {@code -> ABANDONED} when its scope is cancelled, in which case whatever is left on
 * its belt and in its batch is handed to the factory's leftovers.
 */
final class Worker<M extends Material, P extends Product> extends Belt<Worker<M, P>>
        implements Callable<Void>, Emitter<P> {
    private static final int HANDOFF = 256;
    private static final Retirement[] RETIREMENTS = Retirement.values();

    private final Workshop<M, P> workshop;

    // director side (and the roster entry's and belt's fields, in RosterEntry and Belt)
    private boolean wakePending;

    // worker side
    private Thread thread;
    private volatile boolean parked;
    private Assembly<M, P> assembly;
    /** This round's products: none, the only one (needing no array), or an {@code Object[]}. */
    private Object batch;
    private int batched;
    private int round;

    private volatile boolean directorWaiting;

    // the previous worker of this pid, still retiring when this one was hired
    private Worker<M, P> predecessor;
    private volatile boolean finished;
    /** 0 while working; {@code 1 + Retirement.ordinal()} once the director told it to retire. */
    private volatile byte retirement;
    private boolean retired;
    private volatile Thread successor;
    /** This worker's hold on a settlement epoch, or null ({@link Holds}): set by the director, read by both sides. */
    volatile Holds.Hold hold;
    /**
     * Its oldest hold not known to be released, from which {@link Holds#sealedDue} starts: set by
     * the director once, to the worker's first hold, then moved on by the worker.
     */
    volatile Holds.Hold oldestHold;

    Worker(Object pid, Workshop<M, P> workshop) {
        super(pid);
        this.workshop = workshop;
    }

    /** Makes this worker wait, before its first material, until {@code previous} has retired. */
    void follow(Worker<M, P> previous) {
        predecessor = previous;
    }

    boolean finished() {
        return finished;
    }

    /** Whether the director has told this worker to retire. */
    boolean toldToRetire() {
        return retirement != 0;
    }

    // ---------------------------------------------------------------- director side

    /**
     * Puts {@code item} on the belt; the director keeps the belt within its capacity
     * ({@link #awaitRoom}). Director only.
     *
     * @param backlog the {@linkplain #backlog() backlog} as the director last read it
     * @return true if the worker is parked and must be {@linkplain #wake() woken}; the director
     *     wakes the workers of a whole batch at once, so that the carriers find many runnable
     *     workers together instead of idling between single ones
     */
    boolean deliver(Object item, int backlog) {
        put(item, backlog, workshop.longestChunk);
        if (parked && !wakePending) {
            wakePending = true;
            return true;
        }
        return false;
    }

    /**
     * Tells the worker to retire once it has taken everything delivered so far; nothing may be
     * delivered after this. Director only.
     *
     * @return true if the worker is parked and must be {@linkplain #wake() woken}
     */
    boolean tellToRetire(Retirement reason) {
        retirement = (byte) (1 + reason.ordinal());
        if (parked && !wakePending) {
            wakePending = true;
            return true;
        }
        return false;
    }

    /** Wakes the worker after {@link #deliver} or {@link #tellToRetire} said so. Director only. */
    void wake() {
        wakePending = false;
        LockSupport.unpark(thread);
    }

    /**
     * Waits until the belt has room for one more item. Director only.
     *
     * @throws InterruptedException if the director is interrupted while waiting
     */
    void awaitRoom() throws InterruptedException {
        while (backlog() >= workshop.beltCapacity) {
            directorWaiting = true;
            if (backlog() >= workshop.beltCapacity && !finished) {
                LockSupport.park(this);
            }
            directorWaiting = false;
            Threads.throwIfInterrupted("the belt of pid " + pid + " was full");
            if (finished && backlog() >= workshop.beltCapacity) {
                // a worker is only given items before it is told to retire, so it died: the factory failed
                throw new Workshop.Stopped();
            }
        }
    }

    // ---------------------------------------------------------------- worker side

    @Override
    public Void call() {
        thread = Thread.currentThread();
        try {
            awaitPredecessor();
            try {
                assembly = workshop.blueprint.newAssembly(pid);
            } catch (Exception e) {
                assembly = new Unhired<>(e);
            }
            work();
        } catch (InterruptedException e) {
            abandon();
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            workshop.failures.fail(t);
            abandon();
            throw t;
        } finally {
            assembly = null;
            finished = true;
            Thread next = successor;
            if (next != null) {
                LockSupport.unpark(next);
            }
            if (retirement != 0) {
                workshop.retirementDone();
            }
            if (directorWaiting) {
                workshop.roomMade();
            }
        }
        return null;
    }

    private void awaitPredecessor() throws InterruptedException {
        Worker<M, P> previous = predecessor;
        if (previous == null) {
            return;
        }
        previous.successor = thread;
        while (!previous.finished) {
            LockSupport.park(previous);
            Threads.throwIfInterrupted("waiting for the previous worker of pid " + pid);
        }
        predecessor = null;
    }

    @SuppressWarnings("unchecked")
    private void work() throws InterruptedException {
        while (true) {
            if (isEmpty()) {
                endRound();
                int told = retirement;
                if (told != 0 && isEmpty()) {
                    retire(RETIREMENTS[told - 1]);
                    return;
                }
                if (workshop.keepsNothing) {
                    workshop.roundEnded(this, takenCount());
                }
                parked = true;
                if (isEmpty() && retirement == 0) {
                    LockSupport.park(this);
                }
                parked = false;
                Threads.throwIfInterrupted("waiting for material");
                continue;
            }
            Object item = take();
            if (directorWaiting) {
                workshop.roomMade();
            }
            if (item instanceof Inspection inspection) {
                inspect(inspection.now());
            } else {
                accept((M) item);
            }
            // a sealed hold exists only while the oldest hold is not the newest; without positions, one null check
            Holds.Hold newest = hold;
            if (workshop.keepsNothing && newest != null && oldestHold != newest) {
                releaseSealed();
            }
        }
    }

    /** Lets the sealed holds go whose materials this worker has finished: their products first ({@link Holds}). */
    private void releaseSealed() throws InterruptedException {
        int taken = takenCount();
        if (Holds.sealedDue(this, taken) != null) {
            handOff();
            workshop.holds.releaseSealed(this, taken);
        }
    }

    private void accept(M material) throws InterruptedException {
        round++;
        try {
            assembly.accept(material, this);
        } catch (InterruptedException e) {
            round--;
            workshop.leftovers.materials.add(material);
            throw e;
        } catch (Exception e) {
            workshop.failures.rejected(material, pid, e);
        } catch (Error e) {
            // an Error is no rejection, whatever the policy: it fails the factory, which hands the material back
            workshop.leftovers.materials.add(material);
            throw e;
        }
    }

    private void inspect(Instant now) throws InterruptedException {
        try {
            assembly.inspect(now, this);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            workshop.failures.failed("inspection", pid, e);
        }
    }

    private void retire(Retirement reason) throws InterruptedException {
        try {
            assembly.retire(reason, this);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            workshop.failures.failed("retirement", pid, e);
        }
        endRound();
        retired = true;
        workshop.retired(this);
        workshop.tally.retirements.increment();
        workshop.tally.retiredFor(reason);
        Flight.retired(workshop.index, pid, reason);
    }

    /**
     * Adds {@code product} to this round's batch and, once the batch holds {@value #HANDOFF},
     * hands it to the transportation line, waiting while the line is full: one callback that
     * emits a flood is held back here (rule 5). An interrupt while waiting cannot be thrown from
     * {@code emit}: the batch is handed back to the leftovers and the interrupt flag set again, so
     * the callback sees it and the worker stops once the callback returns.
     */
    @Override
    public void emit(P product) {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(product.pclass(), "pclass of product");
        if (batched == 0) {
            batch = product;
            batched = 1;
            return;
        }
        Object[] products;
        if (batched == 1) {
            products = new Object[4];
            products[0] = batch;
            batch = products;
        } else {
            products = (Object[]) batch;
            if (batched == products.length) {
                products = Arrays.copyOf(products, batched * 2);
                batch = products;
            }
        }
        products[batched++] = product;
        if (batched >= HANDOFF) {
            try {
                handOff();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void endRound() throws InterruptedException {
        if (round > 0) {
            workshop.tally.processed.add(round);
            workshop.belts.taken(round);
            round = 0;
        }
        handOff();
    }

    @SuppressWarnings("unchecked")
    private void handOff() throws InterruptedException {
        if (batched == 0) {
            return;
        }
        Object products = batch;
        int count = batched;
        batch = null;
        batched = 0;
        workshop.tally.emitted.add(count);
        try {
            if (count == 1) {
                workshop.transport.put((P) products);
            } else {
                workshop.transport.putAll((Object[]) products, count);
            }
        } catch (InterruptedException e) {
            handBack(products, count);
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private void handBack(Object products, int count) {
        if (count == 1) {
            workshop.leftovers.products.add((P) products);
            return;
        }
        for (int i = 0; i < count; i++) {
            workshop.leftovers.products.add((P) ((Object[]) products)[i]);
        }
    }

    /**
     * Cancelled: hands back the products of this round. What is left on the belt is collected by
     * the director once every worker has stopped ({@link #collectBelt}), so that nothing the
     * director delivers in the meantime is lost.
     */
    private void abandon() {
        if (round > 0) {
            workshop.tally.processed.add(round);
            workshop.belts.taken(round);
            round = 0;
        }
        workshop.tally.emitted.add(batched);
        handBack(batch, batched);
        batch = null;
        batched = 0;
        workshop.abandoned.add(this);
    }

    /**
     * Hands the materials still on the belt to the leftovers and says whether this worker stopped
     * without retiring. Director only, after the worker's thread has ended (or never started).
     */
    @SuppressWarnings("unchecked")
    boolean collectBelt() {
        while (!isEmpty()) {
            Object item = take();
            if (!(item instanceof Inspection)) {
                workshop.leftovers.materials.add((M) item);
            }
        }
        return !retired;
    }

    @Override
    public String toString() {
        return "worker-" + pid;
    }

    /**
     * The assembly of a pid whose blueprint could not make one: it rejects every material with the
     * failure, so each is dead-lettered with its cause, and has nothing to inspect or retire.
     */
    private record Unhired<M extends Material, P extends Product>(Exception failure) implements Assembly<M, P> {
        @Override
        public void accept(M material, Emitter<P> out) throws Exception {
            throw failure;
        }
    }
}
