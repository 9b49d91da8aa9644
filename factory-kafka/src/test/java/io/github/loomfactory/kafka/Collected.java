package io.github.loomfactory.kafka;

import io.github.loomfactory.api.Shipment;
import io.github.loomfactory.api.Warehouse;
import java.util.ArrayList;
import java.util.List;

/** A test warehouse that keeps every product it receives, optionally taking its time over each shipment. */
@SuppressWarnings("try") // close() is the interface's, which may throw any Exception
final class Collected implements Warehouse<Doubled> {
    private final List<Doubled> products = new ArrayList<>();
    private final long pauseMillis;

    Collected() {
        this(0);
    }

    Collected(long pauseMillis) {
        this.pauseMillis = pauseMillis;
    }

    @Override
    public void receive(Shipment<Doubled> shipment) throws InterruptedException {
        if (pauseMillis > 0) {
            Thread.sleep(pauseMillis); // a slow warehouse, not a timing assertion
        }
        synchronized (this) {
            products.addAll(shipment.products());
        }
    }

    synchronized List<Doubled> products() {
        return List.copyOf(products);
    }

    synchronized int size() {
        return products.size();
    }
}
