package io.github.loomfactory.core.internal.production;

import io.github.loomfactory.api.Retirement;
import io.github.loomfactory.core.Rehearsal;

/**
 * The rules of contracts, inspections and the roster cap for one roster: which pid retires when,
 * for which {@link Retirement reason}, and which inspection ticks fire. A workshop's
 * {@link Director} and a {@link Rehearsal} each keep them through a schedule; what a decision does is
 * theirs, through {@link Effects}: the director tells a worker on its own thread, a rehearsal
 * calls its stage on the spot.
 *
 * <p>The rules, in time order:
 * <ul>
 *   <li>The clock counts milliseconds and only moves forward. Moving it to a target passes every
 *       inspection tick on the way: at each tick, first the entries whose contract ran out by the
 *       tick retire {@link Retirement#IDLE IDLE}, then every live entry is inspected at the tick.
 *       A tick that finds no live entry skips the ticks up to the target at once. At the target,
 *       contracts are checked again.
 *   <li>An entry's contract runs out once the clock is a contract past its last activity. The
 *       roster is in order of last activity, so expiry stops at the first entry whose contract
 *       still runs: no timer per entry, and nothing per material but {@link #touch}.
 *   <li>A new pid when the roster is at its cap first retires the least recently active entry
 *       {@link Retirement#EARLY EARLY} ({@link #makeRoom}).
 *   <li>A drain retires every live entry {@link Retirement#DRAIN DRAIN}, least recently active
 *       first.
 * </ul>
 * Ticks are an inspection interval apart, the first one an interval after the clock
 * {@linkplain #start started}. Until then the clock has no time ({@link #NO_TIME}): an entry
 * active then is due at the first time the clock gets.
 *
 * <p>Director only (or a rehearsal's one thread): not thread-safe.
 *
 * @param <E> the roster's entries
 * @param <X> what the effects may throw ({@link RuntimeException} for none)
 */
public final class Schedule<E extends RosterEntry<E>, X extends Exception> {
    /** The clock's reading before it started. */
    public static final long NO_TIME = Long.MIN_VALUE;

    /** What the owner of a schedule does when it decides; called on the owner's thread. */
    public interface Effects<E, X extends Exception> {
        /**
         * Retires {@code entry} for {@code reason}. The entry is already off the roster, except
         * on a {@link Retirement#DRAIN DRAIN}, which leaves the roster to its owner to clear.
         * Must not change the roster.
         */
        void retire(E entry, Retirement reason);

        /** Inspects the live {@code entry} at {@code tick}; must not change the roster. */
        void inspect(E entry, long tick) throws X;
    }

    private final Roster<E> roster = new Roster<>();
    private final Effects<E, X> effects;
    private final long contract;
    /** Milliseconds between inspection ticks; zero for none. */
    private final long inspection;
    private final int cap;
    private long now = NO_TIME;
    private long nextInspection;

    /**
     * A schedule with an empty roster and a clock that has not started.
     *
     * @param contract the contract in milliseconds, positive
     * @param inspection the inspection interval in milliseconds, zero for none
     * @param cap the most live entries, at least one
     */
    public Schedule(long contract, long inspection, int cap, Effects<E, X> effects) {
        this.contract = contract;
        this.inspection = inspection;
        this.cap = cap;
        this.effects = effects;
    }

    /** The live entries, least recently active first; change it only through this schedule (or clear it after a drain). */
    public Roster<E> roster() {
        return roster;
    }

    /** The clock's time, or {@link #NO_TIME} before it started. */
    public long now() {
        return now;
    }

    /** Starts the clock at {@code origin}: the first inspection tick is an interval later. */
    public void start(long origin) {
        now = origin;
        nextInspection = origin + inspection;
        expireDue();
    }

    /**
     * Moves the clock forward to {@code target}, retiring and inspecting on the way in time order
     * (see the class description); starts it there if it has not started. An earlier target
     * changes nothing.
     */
    public void advanceTo(long target) throws X {
        if (target <= now) {
            return;
        }
        if (now == NO_TIME) {
            start(target);
            return;
        }
        if (inspection > 0) {
            while (nextInspection <= target) {
                long tick = nextInspection;
                now = tick;
                expireDue();
                if (roster.isEmpty()) {
                    long skipped = (target - tick) / inspection;
                    nextInspection = tick + (skipped + 1) * inspection;
                    break;
                }
                for (E entry : roster) {
                    effects.inspect(entry, tick);
                }
                nextInspection = tick + inspection;
            }
        }
        now = target;
        expireDue();
    }

    /** Returns the entry of {@code pid}, now active, or null if the pid has none. */
    public E touch(Object pid) {
        E entry = roster.touch(pid);
        if (entry != null) {
            entry.lastActive = now;
        }
        return entry;
    }

    /** Before a new pid joins: if the roster is at its cap, retires the least recently active entry early. */
    public void makeRoom() {
        if (roster.size() >= cap) {
            dismiss(roster.eldest(), Retirement.EARLY);
        }
    }

    /** Adds the entry of a pid that has none on the roster, active now. */
    public void add(E entry) {
        roster.add(entry);
        entry.lastActive = now;
    }

    /** Takes the live {@code entry} off the roster and retires it for {@code reason}. */
    void dismiss(E entry, Retirement reason) {
        roster.remove(entry);
        effects.retire(entry, reason);
    }

    /** Retires every live entry {@link Retirement#DRAIN DRAIN}, least recently active first; they stay on the roster. */
    public void drain() {
        for (E entry : roster) {
            effects.retire(entry, Retirement.DRAIN);
        }
    }

    /** Retires every entry whose contract ran out by {@link #now}: they lead the roster. */
    private void expireDue() {
        if (now == NO_TIME) {
            return;
        }
        for (E entry = roster.eldest(); entry != null && entry.lastActive <= now - contract; entry = roster.eldest()) {
            dismiss(entry, Retirement.IDLE);
        }
    }
}
