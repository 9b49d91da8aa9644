package io.github.loomfactory.core;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Emitter;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Retirement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * One live pid: a virtual thread running the pid's {@link Assembly} over its conveyor belt.
 *
 * <p>The belt is a bounded single-producer, single-consumer linked queue: the workshop's director
 * is the only producer, this worker the only consumer, so neither side takes a lock. The worker
 * parks when its belt is empty, and the director unparks it only when it finds it parked, i.e. on
 * the belt's empty to non-empty edge. Both sides use the same handshake (a volatile write of
 * their own flag, then a volatile read of the other side's state), so a wake-up is never missed:
 * <pre>
 *   worker:   parked = true;  if (head.next == null) park();   parked = false;
 *   director: tail.next = node;  if (parked) unpark(worker);
 * </pre>
 * The director waits for room on a full belt with the mirror image ({@code directorWaiting}).
 *
 * <p>Products emitted during one round (the materials taken off the belt without parking) are
 * handed to the transportation line as one batch, when the belt runs empty or the batch is full.
 *
 * <p>A worker's life: {@code HIRED -> (waits for its predecessor of the same pid) -> WORKING ->
 * RETIRED}, or {@code -> ABANDONED} when its scope is cancelled, in which case whatever is left on
 * its belt and in its batch is handed to the factory's leftovers.
 */
final class Worker<M extends Material, P extends Product> implements Runnable, Emitter<P> {
    private static final int HANDOFF = 256;

    final Object pid;
    private final Workshop<M, P> workshop;

    // director side
    long lastActive;
    private boolean wakePending;
    private Node tail;
    private long delivered;

    // worker side
    private Node head;
    private volatile long taken;
    private Thread thread;
    private volatile boolean parked;
    private Assembly<M, P> assembly;
    private Exception hireFailure;
    private P first; // a round's only product needs no array
    private Object[] batch;
    private int batched;
    private int round;

    private volatile boolean directorWaiting;

    // the previous worker of this pid, still retiring when this one was hired
    private Worker<M, P> predecessor;
    private volatile boolean finished;
    /** Set by the director before it puts the retire signal on the belt. */
    volatile boolean retireSent;
    private boolean retired;
    private volatile Thread successor;

    Worker(Object pid, Workshop<M, P> workshop) {
        this.pid = pid;
        this.workshop = workshop;
        this.head = this.tail = new Node(null);
    }

    /** Makes this worker wait, before its first material, until {@code previous} has retired. */
    void follow(Worker<M, P> previous) {
        predecessor = previous;
    }

    boolean finished() {
        return finished;
    }

    // ---------------------------------------------------------------- director side

    /**
     * Puts {@code item} on the belt, waiting while the belt is full. Director only.
     *
     * @return true if the worker is parked and must be {@linkplain #wake() woken}; the director
     *     wakes the workers of a whole batch at once, so that the carriers find many runnable
     *     workers together instead of idling between single ones
     * @throws InterruptedException if the director is interrupted while waiting for room
     */
    boolean deliver(Object item) throws InterruptedException {
        if (delivered - taken >= workshop.beltCapacity) {
            workshop.wakeAll();
            awaitRoom();
        }
        Node node = new Node(item);
        tail.next = node;
        tail = node;
        delivered++;
        if (parked && !wakePending) {
            wakePending = true;
            return true;
        }
        return false;
    }

    /** Wakes the worker after {@link #deliver} said so. Director only. */
    void wake() {
        wakePending = false;
        LockSupport.unpark(thread);
    }

    private void awaitRoom() throws InterruptedException {
        while (delivered - taken >= workshop.beltCapacity) {
            directorWaiting = true;
            if (delivered - taken >= workshop.beltCapacity && !finished) {
                LockSupport.park(this);
            }
            directorWaiting = false;
            if (Thread.interrupted()) {
                throw new InterruptedException("director interrupted while belt of pid " + pid + " was full");
            }
            if (finished && delivered - taken >= workshop.beltCapacity) {
                // a worker is only given items before its retire signal, so it died: the factory failed
                throw new Workshop.Stopped();
            }
        }
    }

    // ---------------------------------------------------------------- worker side

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            awaitPredecessor();
            try {
                assembly = workshop.plant.blueprint.newAssembly(pid);
            } catch (Exception e) {
                hireFailure = e;
            }
            work();
        } catch (InterruptedException e) {
            abandon();
        } catch (Throwable t) {
            workshop.plant.fail(t);
            abandon();
            throw t;
        } finally {
            assembly = null;
            finished = true;
            Thread next = successor;
            if (next != null) {
                LockSupport.unpark(next);
            }
            if (retireSent) {
                workshop.retirementDone();
            }
            if (directorWaiting) {
                LockSupport.unpark(workshop.director);
            }
        }
    }

    private void awaitPredecessor() throws InterruptedException {
        Worker<M, P> previous = predecessor;
        if (previous == null) {
            return;
        }
        previous.successor = thread;
        while (!previous.finished) {
            LockSupport.park(previous);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        predecessor = null;
    }

    @SuppressWarnings("unchecked")
    private void work() throws InterruptedException {
        while (true) {
            Node next = head.next;
            if (next == null) {
                endRound();
                parked = true;
                if (head.next == null) {
                    LockSupport.park(this);
                }
                parked = false;
                if (thread.isInterrupted()) {
                    throw new InterruptedException();
                }
                continue;
            }
            Object item = next.item;
            next.item = null;
            head = next;
            taken = taken + 1;
            if (directorWaiting) {
                LockSupport.unpark(workshop.director);
            }
            if (item instanceof Signal signal) {
                switch (signal) {
                    case Signal.Retire retire -> {
                        retire(retire.reason());
                        return;
                    }
                    case Signal.Inspect inspect -> inspect(inspect.now());
                }
            } else {
                accept((M) item);
            }
            if (batched >= HANDOFF) {
                handOff();
            }
        }
    }

    private void accept(M material) throws InterruptedException {
        round++;
        if (assembly == null) {
            workshop.plant.rejected(material, pid, hireFailure);
            return;
        }
        try {
            assembly.accept(material, this);
        } catch (InterruptedException e) {
            round--;
            workshop.plant.leftovers.materials.add(material);
            throw e;
        } catch (Exception e) {
            workshop.plant.rejected(material, pid, e);
        }
    }

    private void inspect(Instant now) throws InterruptedException {
        if (assembly == null) {
            return;
        }
        try {
            assembly.inspect(now, this);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            workshop.plant.failed("inspection", pid, e);
        }
    }

    private void retire(Retirement reason) throws InterruptedException {
        if (assembly != null) {
            try {
                assembly.retire(reason, this);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                workshop.plant.failed("retirement", pid, e);
            }
        }
        endRound();
        retired = true;
        workshop.plant.tally.retirements.increment();
    }

    @Override
    public void emit(P product) {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(product.pclass(), "pclass of product");
        if (batched == 0) {
            first = product;
            batched = 1;
            return;
        }
        if (batch == null) {
            batch = new Object[4];
            batch[0] = first;
            first = null;
        } else if (batched == batch.length) {
            batch = Arrays.copyOf(batch, batched * 2);
        }
        batch[batched++] = product;
    }

    private void endRound() throws InterruptedException {
        if (round > 0) {
            workshop.plant.tally.processed.add(round);
            round = 0;
        }
        handOff();
    }

    private void handOff() throws InterruptedException {
        if (batched == 0) {
            return;
        }
        P only = first;
        Object[] products = batch;
        int count = batched;
        first = null;
        batch = null;
        batched = 0;
        workshop.plant.tally.emitted.add(count);
        try {
            if (products == null) {
                workshop.plant.transport.put(only);
            } else {
                workshop.plant.transport.putAll(products, count);
            }
        } catch (InterruptedException e) {
            handBack(only, products, count);
            throw e;
        }
    }

    @SuppressWarnings("unchecked")
    private void handBack(P only, Object[] products, int count) {
        if (products == null) {
            if (count == 1) {
                workshop.plant.leftovers.products.add(only);
            }
            return;
        }
        for (int i = 0; i < count; i++) {
            workshop.plant.leftovers.products.add((P) products[i]);
        }
    }

    /**
     * Cancelled: hands back the products of this round. What is left on the belt is collected by
     * the director once every worker has stopped ({@link #collectBelt}), so that nothing the
     * director delivers in the meantime is lost.
     */
    private void abandon() {
        if (round > 0) {
            workshop.plant.tally.processed.add(round);
            round = 0;
        }
        workshop.plant.tally.emitted.add(batched);
        handBack(first, batch, batched);
        first = null;
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
        for (Node next = head.next; next != null; next = next.next) {
            if (next.item != null && !(next.item instanceof Signal)) {
                workshop.plant.leftovers.materials.add((M) next.item);
            }
            next.item = null;
            head = next;
        }
        return !retired;
    }

    @Override
    public String toString() {
        return "worker-" + pid;
    }

    /** A belt slot. */
    private static final class Node {
        Object item;
        volatile Node next;

        Node(Object item) {
            this.item = item;
        }
    }
}
