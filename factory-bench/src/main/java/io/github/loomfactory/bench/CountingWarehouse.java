package io.github.loomfactory.bench;

import io.github.loomfactory.api.Shipment;
import io.github.loomfactory.api.Warehouse;

/**
 * The warehouse of every run: counts products per pclass, the materials they stand for and a
 * checksum, notes products shipped in the wrong bay, and the time of its last count.
 *
 * <p>Written by the one shipping thread (as {@link Warehouse} promises); read by the runner once
 * the engine has closed, or for progress through the volatile fields.
 */
final class CountingWarehouse implements Warehouse<Output> {
    private final long[] perClass = new long[Pclasses.COUNT];
    private long units;
    private long checksum;
    private long misfiled;
    private volatile long products;
    private volatile long lastCountedNanos;
    private volatile boolean closed;

    @Override
    public void receive(Shipment<Output> shipment) {
        String pclass = shipment.pclass();
        int bay = Pclasses.index(pclass);
        long sumUnits = 0;
        long sum = 0;
        long wrong = 0;
        for (Output product : shipment.products()) {
            if (!pclass.equals(product.pclass())) {
                wrong++;
            }
            sumUnits += product.units();
            sum += product.checksum();
        }
        if (bay < 0) {
            wrong = shipment.size();
        } else {
            perClass[bay] += shipment.size();
        }
        units += sumUnits;
        checksum += sum;
        misfiled += wrong;
        products = products + shipment.size();
        lastCountedNanos = System.nanoTime();
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Returns the products counted so far. */
    long products() {
        return products;
    }

    /** Returns the products counted in bay {@code c0} to {@code c7}. */
    long products(int pclass) {
        return perClass[pclass];
    }

    /** Returns the materials the counted products stand for. */
    long units() {
        return units;
    }

    /** Returns the sum of the counted products' checksums. */
    long checksum() {
        return checksum;
    }

    /** Returns the products shipped in a bay that is not their pclass. */
    long misfiled() {
        return misfiled;
    }

    /** Returns when the last product was counted ({@link System#nanoTime()}), or 0 if none was. */
    long lastCountedNanos() {
        return lastCountedNanos;
    }

    /** Returns true once the engine has closed this warehouse. */
    boolean closed() {
        return closed;
    }
}
