package io.github.loomfactory.core;

import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A workshop's live workers by pid, in order of last activity, the least recently active first:
 * what an access-ordered {@link java.util.LinkedHashMap} does, with the workers as their own
 * entries.
 *
 * <p>A roster may hold millions of workers, and the director looks one up for every material.
 * So each worker carries its pid's hash, the next worker in its bucket and its two neighbours in
 * activity order ({@link Worker#hash}, {@link Worker#sameBucket}, {@link Worker#older},
 * {@link Worker#younger}): a hire allocates nothing here, a lookup reaches the worker without
 * passing through an entry object, and a worker costs the roster 16 bytes and its share of the
 * table instead of a 40-byte entry. Buckets are chained; the table doubles at three quarters
 * full and never shrinks until {@link #clear()}.
 *
 * <p>Director only: not thread-safe. A pid is never added twice: the director adds a worker only
 * for a pid it did not find.
 */
final class Roster<M extends Material, P extends Product> implements Iterable<Worker<M, P>> {
    private static final int INITIAL = 256;

    private Worker<M, P>[] table = newTable(INITIAL);
    private int size;
    private Worker<M, P> eldest;
    private Worker<M, P> youngest;

    /** Returns how many workers are on the roster. */
    int size() {
        return size;
    }

    /** Returns true if no worker is on the roster. */
    boolean isEmpty() {
        return size == 0;
    }

    /**
     * Returns the worker of {@code pid}, now the most recently active, or null if the pid has
     * none.
     */
    Worker<M, P> touch(Object pid) {
        int hash = hash(pid);
        for (Worker<M, P> worker = table[hash & (table.length - 1)]; worker != null; worker = worker.sameBucket) {
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
    void add(Worker<M, P> worker) {
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
    Worker<M, P> eldest() {
        return eldest;
    }

    /** Takes {@code worker}, which must be on the roster, off it. */
    void remove(Worker<M, P> worker) {
        int index = worker.hash & (table.length - 1);
        Worker<M, P> previous = table[index];
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
    void clear() {
        table = newTable(INITIAL);
        eldest = youngest = null;
        size = 0;
    }

    /** Iterates from the least to the most recently active worker; the roster must not change meanwhile. */
    @Override
    public Iterator<Worker<M, P>> iterator() {
        return new Iterator<>() {
            private Worker<M, P> next = eldest;

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Worker<M, P> next() {
                Worker<M, P> worker = next;
                if (worker == null) {
                    throw new NoSuchElementException();
                }
                next = worker.younger;
                return worker;
            }
        };
    }

    private void linkYoungest(Worker<M, P> worker) {
        worker.older = youngest;
        worker.younger = null;
        if (youngest == null) {
            eldest = worker;
        } else {
            youngest.younger = worker;
        }
        youngest = worker;
    }

    private void unlink(Worker<M, P> worker) {
        Worker<M, P> older = worker.older;
        Worker<M, P> younger = worker.younger;
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
        Worker<M, P>[] larger = newTable(table.length * 2);
        int mask = larger.length - 1;
        for (Worker<M, P> head : table) {
            Worker<M, P> worker = head;
            while (worker != null) {
                Worker<M, P> next = worker.sameBucket;
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
    private static <M extends Material, P extends Product> Worker<M, P>[] newTable(int length) {
        return (Worker<M, P>[]) new Worker<?, ?>[length];
    }
}
