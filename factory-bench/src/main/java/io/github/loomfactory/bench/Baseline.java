package io.github.loomfactory.bench;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Emitter;
import io.github.loomfactory.api.FactoryException;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Retirement;
import io.github.loomfactory.api.Shipment;
import io.github.loomfactory.api.Warehouse;
import io.github.loomfactory.core.FactorySettings;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The classic design the factory is measured against: how Kafka Streams and Flink tasks work.
 *
 * <p>P platform threads (partitions), each owning an access-ordered map of per-pid state (an
 * assembly and its last activity), fed by bounded queues of batches: purchasing routes each
 * material by the factory's spread hash of its pid and hands a partition a batch of 1024 at a
 * time. A partition runs the assemblies of its pids one material after another on its own thread,
 * so a blocking assembly blocks the whole partition. Contracts are kept in bulk as in the factory:
 * after each batch (or every tick when idle) the map's head, its least recently active pids, is
 * retired while idle for the contract. The contract runs on purchase time: each batch carries the
 * time it was handed over, and a partition's clock is the latest such time it has handled (the
 * wall clock while it is idle), so a partition that falls behind does not retire a pid whose
 * next material is already queued; on the system clock, the time the whole JVM stood still (a GC
 * pause) is left out ({@link SteadyClock}), so a pause does not retire every pid whose next
 * material was about to come. Products are collected per partition and handed in
 * batches over one bounded queue to one shipping thread, which groups them by pclass into bays
 * and ships full or aged bays to the warehouse, as the factory's stevedore and driver do.
 *
 * <p>Same blueprint, same warehouse, same rules (order per pid, contract, drain on close) as the
 * factory, so a run of either prints comparable figures. Purchasing is single-threaded. A
 * throwing assembly or warehouse fails the run: {@link #close()} throws, nothing is dropped
 * silently.
 */
final class Baseline<M extends Material, P extends Product> implements Engine<M> {
    private static final int BATCH = 1024;
    private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final Batch END = new Batch(new Object[0], 0, 0);

    private final List<Partition> partitions;
    private final Shipping shipping;
    private final BlockingQueue<List<P>> transport;
    private final InstantSource clock;
    private final SteadyClock steady;
    private final Object[][] filling;
    private final int[] fills;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private boolean closed;

    Baseline(Blueprint<M, P> blueprint, Warehouse<P> warehouse, FactorySettings settings) {
        int count = settings.workshops();
        int queued = Math.max(1, settings.lineCapacity() / BATCH);
        long contract = Math.max(1, settings.contract().toMillis());
        long tick = Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(settings.contract().toNanos() / 4, MAX_TICK_NANOS));
        this.steady = InstantSource.system().equals(settings.clock()) ? SteadyClock.system() : null;
        this.clock = steady != null ? steady : settings.clock();
        this.transport = new ArrayBlockingQueue<>(Math.max(1, settings.transportCapacity() / BATCH));
        var list = new ArrayList<Partition>(count);
        this.filling = new Object[count][];
        this.fills = new int[count];
        for (int i = 0; i < count; i++) {
            list.add(new Partition(i, blueprint, new ArrayBlockingQueue<>(queued), contract, tick));
            filling[i] = new Object[BATCH];
        }
        this.partitions = List.copyOf(list);
        this.shipping = new Shipping(warehouse, settings);
        for (var partition : partitions) {
            partition.thread.start();
        }
        shipping.thread.start();
    }

    @Override
    public void purchase(M material) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("baseline is closed: purchase before close()");
        }
        int p = route(material.pid());
        Object[] batch = filling[p];
        batch[fills[p]++] = material;
        if (fills[p] == BATCH) {
            handOver(p);
        }
    }

    @Override
    public void flush() throws InterruptedException {
        for (int p = 0; p < fills.length; p++) {
            if (fills[p] > 0) {
                handOver(p);
            }
        }
    }

    private void handOver(int p) throws InterruptedException {
        put(partitions.get(p).queue, new Batch(filling[p], fills[p], clock.millis()));
        filling[p] = new Object[BATCH];
        fills[p] = 0;
    }

    @Override
    public long liveWorkers() {
        long live = 0;
        for (var partition : partitions) {
            live += partition.live;
        }
        return live;
    }

    @Override
    public long processed() {
        long processed = 0;
        for (var partition : partitions) {
            processed += partition.processed;
        }
        return processed;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                flush();
                for (var partition : partitions) {
                    put(partition.queue, END);
                }
                for (var partition : partitions) {
                    partition.thread.join();
                }
                put(transport, List.of());
                shipping.thread.join();
            } catch (InterruptedException | RuntimeException e) {
                for (var partition : partitions) {
                    partition.thread.interrupt();
                }
                shipping.thread.interrupt();
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                fail(e);
            } finally {
                if (steady != null) {
                    steady.close();
                }
            }
        }
        Throwable failed = failure.get();
        if (failed != null) {
            throw new FactoryException("baseline failed: " + failed, failed);
        }
    }

    /** The factory's routing: a spread hash of the pid, mapped onto the partitions. */
    private int route(Object pid) {
        int h = pid.hashCode();
        h = (h ^ (h >>> 16)) * 0x9E3779B9;
        return (int) (((h & 0xFFFF_FFFFL) * fills.length) >>> 32);
    }

    /** Puts {@code item} on a bounded queue, waiting for room unless the run has failed. */
    private <T> void put(BlockingQueue<T> queue, T item) throws InterruptedException {
        while (!queue.offer(item, 20, TimeUnit.MILLISECONDS)) {
            Throwable failed = failure.get();
            if (failed != null) {
                throw new FactoryException("baseline failed: " + failed, failed);
            }
        }
    }

    private void fail(Throwable cause) {
        failure.compareAndSet(null, cause);
    }

    /** Materials handed over together at {@code stamp} (the clock's millis); {@link #END} ends a partition. */
    private record Batch(Object[] items, int size, long stamp) {
    }

    /** A pid's state: its assembly and when it last had a material. */
    private static final class Slot<M extends Material, P extends Product> {
        final Assembly<M, P> assembly;
        long lastActive;

        Slot(Assembly<M, P> assembly) {
            this.assembly = assembly;
        }
    }

    /** One partition thread and the state of its pids. */
    private final class Partition implements Runnable, Emitter<P> {
        final BlockingQueue<Batch> queue;
        final Thread thread;
        volatile int live;
        volatile long processed;

        private final Blueprint<M, P> blueprint;
        private final long contract;
        private final long tickNanos;
        private final LinkedHashMap<Object, Slot<M, P>> roster = new LinkedHashMap<>(256, 0.75f, true);
        private ArrayList<P> out = new ArrayList<>();

        Partition(int index, Blueprint<M, P> blueprint, BlockingQueue<Batch> queue, long contract,
                long tickNanos) {
            this.blueprint = blueprint;
            this.queue = queue;
            this.contract = contract;
            this.tickNanos = tickNanos;
            this.thread = Thread.ofPlatform().name("baseline-partition-" + index).daemon().unstarted(this);
        }

        @Override
        public void run() {
            try {
                long now = clock.millis();
                while (true) {
                    Batch batch = queue.poll(tickNanos, TimeUnit.NANOSECONDS);
                    if (batch == END) {
                        retireAll();
                        handOff();
                        return;
                    }
                    if (batch != null) {
                        now = Math.max(now, batch.stamp());
                        handle(batch, now);
                    } else {
                        now = Math.max(now, clock.millis());
                    }
                    expire(now);
                    handOff();
                    live = roster.size();
                }
            } catch (Throwable t) {
                fail(t);
            }
        }

        @SuppressWarnings("unchecked")
        private void handle(Batch batch, long now) throws Exception {
            Object[] items = batch.items();
            for (int i = 0; i < batch.size(); i++) {
                M material = (M) items[i];
                Object pid = material.pid();
                Slot<M, P> slot = roster.get(pid);
                if (slot == null) {
                    slot = new Slot<>(blueprint.newAssembly(pid));
                    roster.put(pid, slot);
                }
                slot.lastActive = now;
                slot.assembly.accept(material, this);
            }
            processed = processed + batch.size();
        }

        private void expire(long now) throws Exception {
            Iterator<Slot<M, P>> eldest = roster.values().iterator();
            while (eldest.hasNext()) {
                Slot<M, P> slot = eldest.next();
                if (now - slot.lastActive < contract) {
                    break;
                }
                eldest.remove();
                slot.assembly.retire(Retirement.IDLE, this);
            }
        }

        private void retireAll() throws Exception {
            for (Slot<M, P> slot : roster.values()) {
                slot.assembly.retire(Retirement.DRAIN, this);
            }
            roster.clear();
            live = 0;
        }

        @Override
        public void emit(P product) {
            out.add(product);
            if (out.size() >= BATCH) {
                try {
                    handOff();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new FactoryException("baseline partition interrupted while shipping", e);
                }
            }
        }

        private void handOff() throws InterruptedException {
            if (!out.isEmpty()) {
                put(transport, out);
                out = new ArrayList<>();
            }
        }
    }

    /** The shipping thread: bays by pclass, shipped when full or aged; the empty list ends it. */
    private final class Shipping implements Runnable {
        final Thread thread;
        private final Warehouse<P> warehouse;
        private final InstantSource clock;
        private final int shipmentSize;
        private final long ageMillis;
        private final HashMap<String, Bay<P>> bays = new HashMap<>();

        Shipping(Warehouse<P> warehouse, FactorySettings settings) {
            this.warehouse = warehouse;
            this.clock = settings.clock();
            this.shipmentSize = settings.shipmentSize();
            this.ageMillis = settings.shipmentAge().toMillis();
            this.thread = Thread.ofPlatform().name("baseline-shipping").daemon().unstarted(this);
        }

        @Override
        public void run() {
            long wait = Math.min(MAX_TICK_NANOS, TimeUnit.MILLISECONDS.toNanos(ageMillis));
            try {
                while (true) {
                    List<P> products = transport.poll(wait, TimeUnit.NANOSECONDS);
                    if (products != null && products.isEmpty()) {
                        break;
                    }
                    if (products != null) {
                        stow(products);
                    }
                    shipAged(clock.millis());
                }
                shipAged(Long.MAX_VALUE);
                warehouse.close();
            } catch (Throwable t) {
                fail(t);
            }
        }

        private void stow(List<P> products) throws Exception {
            for (P product : products) {
                String pclass = product.pclass();
                Bay<P> bay = bays.get(pclass);
                if (bay == null) {
                    bay = new Bay<>(clock.millis(), new ArrayList<>(Math.min(shipmentSize, 1024)));
                    bays.put(pclass, bay);
                }
                bay.products.add(product);
                if (bay.products.size() >= shipmentSize) {
                    warehouse.receive(new Shipment<>(pclass, bay.products));
                    bays.remove(pclass);
                }
            }
        }

        private void shipAged(long now) throws Exception {
            var open = bays.entrySet().iterator();
            while (open.hasNext()) {
                var entry = open.next();
                if (now == Long.MAX_VALUE || now - entry.getValue().opened >= ageMillis) {
                    warehouse.receive(new Shipment<>(entry.getKey(), entry.getValue().products));
                    open.remove();
                }
            }
        }
    }

    /** Products of one pclass waiting to be shipped, since {@code opened}. */
    private record Bay<P>(long opened, ArrayList<P> products) {
    }
}
