package io.github.loomfactory.core;

import java.util.Arrays;

/**
 * One lane of a durable source, such as a Kafka partition: a sequence of increasing positions
 * (offsets) whose materials are purchased in position order, and the position below which every
 * one of them is settled.
 *
 * <p>A material is <em>settled</em> once nothing that depends on it can still be lost: its
 * worker has retired and the products of that worker were shipped (the default), or its assembly
 * declared that it keeps nothing of its materials
 * ({@link io.github.loomfactory.api.Blueprint#keepsNothing()}) and the products it made from them were shipped.
 * A source may commit {@link #settled()} and, after a crash, resume from it: products may repeat
 * (at-least-once), none is lost.
 *
 * <p>Opened by {@link Factory#openLane}; purchases into a lane ({@link Factory#offer(io.github.loomfactory.api.Material, Lane, long)},
 * {@link Factory#pass}) come from one thread at a time, in increasing position order. Reading
 * {@link #settled()} is thread-safe.
 */
public final class Lane {
    private final String name;
    private final Ledger ledger;
    /** Per epoch slot of the ledger: the highest position purchased in that epoch, or -1. Guarded by the ledger. */
    private final long[] highest;
    /** Every position below this is settled. Guarded by the ledger. */
    private long settled;
    /** Guarded by the ledger. */
    private boolean closed;

    Lane(String name, long start, Ledger ledger, int epochs) {
        this.name = name;
        this.ledger = ledger;
        this.settled = start;
        this.highest = new long[epochs];
        Arrays.fill(highest, -1);
    }

    /**
     * Returns the lane's name, as given to {@link Factory#openLane}.
     *
     * @return the name, e.g. {@code "orders-3"}
     */
    public String name() {
        return name;
    }

    /**
     * Returns the position below which every material of this lane is settled: the position to
     * commit, and to resume from after a crash. Starts at the lane's start position.
     *
     * @return the settled position
     */
    public long settled() {
        return ledger.settledOf(this);
    }

    /**
     * Closes this lane: the source purchases nothing more from it (say, its partition was revoked).
     * Materials of it still in the factory are processed as usual. Idempotent.
     */
    public void close() {
        ledger.close(this);
    }

    // ---------------------------------------------------------------- ledger side, under its lock

    void record(int slot, long position) {
        if (closed) {
            throw new IllegalStateException("lane " + name + " is closed: open a new one to purchase from it again");
        }
        highest[slot] = position;
    }

    void complete(int slot) {
        long position = highest[slot];
        if (position >= 0) {
            settled = Math.max(settled, position + 1);
            highest[slot] = -1;
        }
    }

    long settledNow() {
        return settled;
    }

    void markClosed() {
        closed = true;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "lane " + name;
    }
}
