package io.github.loomfactory.core.internal.production;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Event time as purchasing has seen it: the first material time purchased, where every
 * workshop's inspection ticks count from, and the latest, the watermark a director advances to
 * when its line is empty. Written by purchasers, read by directors; thread-safe.
 */
public final class EventClock {
    /** Event time: the latest material time purchased so far, published after its material. */
    private final AtomicLong watermark = new AtomicLong(Long.MIN_VALUE);
    /** Event time: the first material time purchased, published before its material. */
    private final AtomicLong origin = new AtomicLong(Schedule.NO_TIME);

    /** The latest material time purchased, or {@code Long.MIN_VALUE} before the first. */
    public long watermark() {
        return watermark.get();
    }

    /** The first material time purchased, or {@link Schedule#NO_TIME} before it. */
    long origin() {
        return origin.get();
    }

    /** Marks {@code millis} as the origin if it is the first; call before the material is offered. */
    public void markOrigin(long millis) {
        if (origin.get() == Schedule.NO_TIME) {
            origin.compareAndSet(Schedule.NO_TIME, millis);
        }
    }

    /** Moves the watermark up to {@code millis}; call after the material is offered. */
    public void advance(long millis) {
        long seen = watermark.get();
        while (millis > seen && !watermark.compareAndSet(seen, millis)) {
            seen = watermark.get();
        }
    }
}
