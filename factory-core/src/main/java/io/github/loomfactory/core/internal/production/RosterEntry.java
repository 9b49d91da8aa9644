package io.github.loomfactory.core.internal.production;

/**
 * What a {@link Roster} keeps of one live pid, held in the entry itself: the pid and its hash,
 * the next entry in its bucket, its two neighbours in order of activity, and when it was last
 * active. The engine's {@link Worker} (through its {@link Belt}) and a {@link Rehearsal}'s stages extend it, so a roster
 * allocates no entry object of its own per pid.
 *
 * <p>Director only (or a rehearsal's single thread): not thread-safe.
 *
 * @param <E> the entry type itself, so that the links need no casts
 */
public abstract class RosterEntry<E extends RosterEntry<E>> {
    public final Object pid;
    /** The pid's spread hash, set when the entry is added to a roster. */
    public int hash;
    E sameBucket;
    E older;
    E younger;
    /** When the entry's pid last got a material, on its {@link Schedule}'s clock. */
    long lastActive;

    public RosterEntry(Object pid) {
        this.pid = pid;
    }
}
