package io.github.loomfactory.core;

import io.github.loomfactory.api.Shipment;
import io.github.loomfactory.api.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A warehouse that keeps every shipment in arrival order and notes breaches: a shipment after
 * {@code close()}, a second {@code close()}, a shipment off the stevedore's thread. A test may
 * set a {@link #gate} that runs before a shipment is kept, to block or fail it.
 */
final class Depot implements Warehouse<Piece> {

    /** Runs before a shipment is kept; throwing refuses it. */
    @FunctionalInterface
    interface Gate {
        void check(Shipment<Piece> shipment) throws Exception;
    }

    final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    final AtomicInteger attempts = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    private final List<Shipment<Piece>> shipments = new ArrayList<>();
    private volatile long received;
    volatile Gate gate = shipment -> { };

    @Override
    public void receive(Shipment<Piece> shipment) throws Exception {
        attempts.incrementAndGet();
        if (closes.get() > 0) {
            violations.add("shipment after close: " + shipment);
        }
        String thread = Thread.currentThread().getName();
        if (!thread.equals("transportation/stevedore")) {
            violations.add("shipment on thread " + thread);
        }
        gate.check(shipment);
        synchronized (shipments) {
            shipments.add(shipment);
            received += shipment.size();
        }
    }

    @Override
    public void close() {
        if (closes.incrementAndGet() > 1) {
            violations.add("closed " + closes.get() + " times");
        }
    }

    /** Returns the number of products received so far. */
    long received() {
        return received;
    }

    List<Shipment<Piece>> shipments() {
        synchronized (shipments) {
            return List.copyOf(shipments);
        }
    }

    /** Returns every product received, in arrival order. */
    List<Piece> products() {
        List<Piece> all = new ArrayList<>();
        for (var shipment : shipments()) {
            all.addAll(shipment.products());
        }
        return all;
    }

    List<String> violations() {
        return new ArrayList<>(violations);
    }
}
