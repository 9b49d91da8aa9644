package io.github.loomfactory.core.internal.production;

/**
 * A worker's conveyor belt: a single-producer, single-consumer queue of linked chunks. The
 * workshop's director is the only producer, the worker the only consumer, so neither side takes
 * a lock.
 *
 * <p>Each chunk is an array whose last slot links to the next one. The producer fills slots in
 * order and publishes each with a volatile write of its {@code delivered} count; the consumer
 * takes them in order, clearing each slot it takes, while its {@code taken} count is behind.
 * Slots are never reused, so the two sides never race on one. A chunk is as long as the backlog
 * suggests: a slot and a link when the belt ran empty (a pid with a material now and then costs
 * what a linked node would), doubling while items pile up, to at most {@value #CHUNK} slots (or
 * the belt's capacity and a link). A busy belt thus allocates one small array per 15 items
 * instead of a node for each, and an idle belt keeps one chunk of 80 bytes at most.
 *
 * <p>The belt is not an object of its own but the middle of a class chain, {@link RosterEntry}
 * &lt;- {@code Belt} &lt;- {@link Worker}, so that a roster of millions of workers pays for no
 * second object per worker. The counts are ints: only their difference matters, which wraps
 * correctly. The capacity is the producer's to keep ({@link #backlog()}); parking and waking are
 * the worker's.
 *
 * @param <E> the entry type, as for {@link RosterEntry}
 */
public abstract class Belt<E extends Belt<E>> extends RosterEntry<E> {
    /** The longest chunk, in slots, its link included; a short belt's are shorter. */
    static final int CHUNK = 16;

    // producer side
    private Object[] tailChunk;
    /** A slot of the chunk, below {@link #CHUNK}: a byte, as a roster may hold millions of belts. */
    private byte tailIndex;
    private volatile int delivered;

    // consumer side
    private Object[] headChunk;
    private byte headIndex;
    private volatile int taken;

    Belt(Object pid) {
        super(pid);
        this.headChunk = this.tailChunk = new Object[2];
    }

    /** How many items are on the belt: put and not yet taken. Either side. */
    final int backlog() {
        return delivered - taken;
    }

    /** Whether everything put so far has been taken. Either side. */
    public final boolean isEmpty() {
        return delivered == taken;
    }

    /** How many items were put so far (an int that wraps; only differences count). */
    final int deliveredCount() {
        return delivered;
    }

    /** How many items were taken so far (an int that wraps; only differences count). */
    final int takenCount() {
        return taken;
    }

    /**
     * Puts {@code item} at the tail. Producer only; the caller keeps the belt within its capacity.
     *
     * @param backlog the backlog as the producer last read it: on an empty belt a new chunk has one
     *     slot and its link, on a fuller one twice the length of the last
     * @param longestChunk the longest chunk to make, at most {@value #CHUNK}
     */
    public final void put(Object item, int backlog, int longestChunk) {
        Object[] chunk = tailChunk;
        int index = tailIndex;
        if (index == chunk.length - 1) {
            Object[] next = new Object[backlog == 0 ? 2 : Math.min(2 * chunk.length, longestChunk)];
            chunk[index] = next;
            tailChunk = chunk = next;
            index = 0;
        }
        chunk[index] = item;
        tailIndex = (byte) (index + 1);
        delivered = delivered + 1;
    }

    /** Takes the item at the head. Consumer only; the belt must not be {@linkplain #isEmpty() empty}. */
    final Object take() {
        Object[] chunk = headChunk;
        int index = headIndex;
        if (index == chunk.length - 1) {
            chunk = (Object[]) chunk[index];
            headChunk = chunk;
            index = 0;
        }
        Object item = chunk[index];
        chunk[index] = null;
        headIndex = (byte) (index + 1);
        taken = taken + 1;
        return item;
    }
}
