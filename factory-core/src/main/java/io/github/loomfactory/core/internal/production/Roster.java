package io.github.loomfactory.core.internal.production;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A workshop's live workers by pid, in order of last activity, the least recently active first:
 * what an access-ordered {@link java.util.LinkedHashMap} does, with the workers (or a
 * rehearsal's stages) as their own entries ({@link RosterEntry}).
 *
 * <p>A roster may hold millions of workers, and the director looks one up for every material.
 * So each worker carries its pid's hash, the next worker in its bucket and its two neighbours in
 * activity order ({@link RosterEntry#hash}, {@link RosterEntry#sameBucket}, {@link RosterEntry#older},
 * {@link RosterEntry#younger}): a hire allocates nothing here, a lookup reaches the worker without
 * passing through an entry object, and a worker costs the roster 16 bytes and its share of the
 * table instead of a 40-byte entry. Buckets are chained; the table doubles at three quarters
 * full and never shrinks until {@link #clear()}.
 *
 * <p>Director only: not thread-safe. A pid is never added twice: the director adds a worker only
 * for a pid it did not find.
 */
public final class Roster<E extends RosterEntry<E>> implements Iterable<E> {
    private static final int INITIAL = 256;

    private E[] table = newTable(INITIAL);
    private int size;
    private E eldest;
    private E youngest;

    /** Returns how many workers are on the roster. */
    public int size() {
        return size;
    }

    /** Returns true if no worker is on the roster. */
    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * Returns the worker of {@code pid}, now the most recently active, or null if the pid has
     * none.
     */
    public E touch(Object pid) {
        int hash = hash(pid);
        for (E worker = table[hash & (table.length - 1)]; worker != null; worker = worker.sameBucket) {
            if (worker.hash == hash && pid.equals(worker.pid)) {
                if (worker != youngest) {
                    unlink(worker);
                    linkYoungest(worker);
                }
                return worker;
            }
        }
        return null;
    }

    /** Adds {@code worker}, whose pid has none on the roster, as the most recently active. */
    public void add(E worker) {
        if (size >= table.length - (table.length >>> 2)) {
            resize();
        }
        int hash = hash(worker.pid);
        worker.hash = hash;
        int index = hash & (table.length - 1);
        worker.sameBucket = table[index];
        table[index] = worker;
        linkYoungest(worker);
        size++;
    }

    /** Returns the least recently active worker, or null if the roster is empty. */
    public E eldest() {
        return eldest;
    }

    /** Takes {@code worker}, which must be on the roster, off it. */
    public void remove(E worker) {
        int index = worker.hash & (table.length - 1);
        E previous = table[index];
        if (previous == worker) {
            table[index] = worker.sameBucket;
        } else {
            while (previous.sameBucket != worker) {
                previous = previous.sameBucket;
            }
            previous.sameBucket = worker.sameBucket;
        }
        worker.sameBucket = null;
        unlink(worker);
        size--;
    }

    /** Takes every worker off the roster. */
    public void clear() {
        table = newTable(INITIAL);
        eldest = youngest = null;
        size = 0;
    }

    /** Iterates from the least to the most recently active worker; the roster must not change meanwhile. */
    @Override
    public Iterator<E> iterator() {
        return new Iterator<>() {
            private E next = eldest;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public E next() {
                E worker = next;
                if (worker == null) {
                    throw new NoSuchElementException();
                }
                next = worker.younger;
                return worker;
            }
        };
    }

    private void linkYoungest(E worker) {
        worker.older = youngest;
        worker.younger = null;
        if (youngest == null) {
            eldest = worker;
        } else {
            youngest.younger = worker;
        }
        youngest = worker;
    }

    private void unlink(E worker) {
        E older = worker.older;
        E younger = worker.younger;
        if (older == null) {
            eldest = younger;
        } else {
            older.younger = younger;
        }
        if (younger == null) {
            youngest = older;
        } else {
            younger.older = older;
        }
        worker.older = worker.younger = null;
    }

    private void resize() {
        E[] larger = newTable(table.length * 2);
        int mask = larger.length - 1;
        for (E head : table) {
            E worker = head;
            while (worker != null) {
                E next = worker.sameBucket;
                int index = worker.hash & mask;
                worker.sameBucket = larger[index];
                larger[index] = worker;
                worker = next;
            }
        }
        table = larger;
    }

    /** Spreads the high bits of the pid's hash to the low ones, as {@link java.util.HashMap} does. */
    private static int hash(Object pid) {
        int h = pid.hashCode();
        return h ^ (h >>> 16);
    }

    @SuppressWarnings("unchecked")
    private static <E extends RosterEntry<E>> E[] newTable(int length) {
        return (E[]) new RosterEntry<?>[length];
    }
}
