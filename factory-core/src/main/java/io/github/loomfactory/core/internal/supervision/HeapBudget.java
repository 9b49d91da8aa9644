package io.github.loomfactory.core.internal.supervision;

import io.github.loomfactory.core.FactorySettings;
import java.util.Locale;

/**
 * How much heap a factory's own queues and workers may need, and the default sizes that keep
 * that within a share of the heap: the sizing rule of {@link FactorySettings}.
 *
 * <p>The worst case of a set of settings, in bytes, is
 * <pre>
 *   workshops * (lineCapacity                          a production line,
 *     + lineCapacity / 2                               the batch its director delivers,
 *     + beltLoad)                                      and what its belts hold before it waits
 *     * MATERIAL_BYTES
 * + rosterCap * WORKER_BYTES                           live and still-retiring workers
 * + (transportCapacity + shipmentSize) * PRODUCT_BYTES transportation line and an open bay
 * </pre>
 * A workshop's belts together hold at most {@code beltLoad} materials (and one batch being
 * delivered) before its director waits ({@link BeltLoad}); a worker's own belt chunk is in
 * {@link #WORKER_BYTES}. The defaults for a heap of {@code H} bytes keep this worst case within
 * {@code H / 2} ({@link #SHARE}):
 * <ul>
 * <li>lines: a quarter of the share, {@code H / 8 / (2 * MATERIAL_BYTES)} materials over all
 *     workshops, at most {@value FactorySettings#DEFAULT_LINES}, split evenly, each line at
 *     least {@value #MIN_LINE};
 * <li>belts: a quarter of the share, {@code H / 8 / MATERIAL_BYTES} materials over all
 *     workshops, at most {@value FactorySettings#DEFAULT_BELTS}, split evenly, each workshop's
 *     at least {@value #MIN_BELT_LOAD} and one full belt more;
 * <li>transportation line: a sixteenth of the share in products, at most 65,536;
 * <li>roster cap: what is left of the share in workers, at most 4,194,304, at least one per
 *     workshop.
 * </ul>
 * So an 8 GB heap keeps the lines at 2^20 materials, the belts at 2^23 and caps the roster at
 * about 1.5 million workers; 256 MB gives lines of 131,072 materials together, belts of 262,144
 * and about 33,000 workers; 64 MB, 32,768, 65,536 and about 8,000 workers (the figures for 2
 * workshops). The belts' share is what lets a woken worker find many materials waiting with
 * 100,000 live pids: bounded at half a line, W1 of factory-bench ran at 0.71x of its speed with
 * this share.
 *
 * <p>The costs are estimates, measured on this engine by factory-bench's {@code HeapCosts}
 * (a material's and a product's retained size on a full line) and by W4's
 * {@code heap_per_worker_bytes} (a parked worker), with room for what the blueprint keeps; see
 * factory-bench/README.md, "What a factory holds". Immutable; all methods are static.
 */
public final class HeapBudget {
    /**
     * Heap per material on a production line or a belt: its line slot and purchase stamp (12 B),
     * the director's batch slot (12 B), a belt slot (about 5 B) and the material itself
     * (W1's three-long record: 32 B; a decoded JSON line of a few short strings: 100–200 B).
     */
    static final long MATERIAL_BYTES = 128;
    /**
     * Heap per live or retiring worker: the engine's worker, belt chunk and parked virtual thread
     * (W4: 870–1,080 B, median 965 B) and about as much again for the assembly's own state and
     * its pid.
     */
    public static final long WORKER_BYTES = 2048;
    /** Heap per product on the transportation line or in a bay: its slot and a small record. */
    static final long PRODUCT_BYTES = 128;
    /** The share of the heap the defaults' worst case stays within: one half. */
    static final double SHARE = 0.5;
    /** The shortest default production line, however small the heap. */
    static final int MIN_LINE = 256;
    /**
     * The fewest materials a workshop's belts may hold by default before its director waits,
     * however small the heap: 128 KB of materials, so that the director does not wait for every
     * few materials.
     */
    static final long MIN_BELT_LOAD = 1024;
    /** The longest default transportation line. */
    static final int MAX_TRANSPORT = 65_536;
    /** The largest default roster cap. */
    static final int MAX_ROSTER = 4_194_304;

    private HeapBudget() {
    }

    /** Returns the heap the defaults are sized for when none is given: the JVM's maximum heap. */
    public static long thisHeap() {
        return Runtime.getRuntime().maxMemory();
    }

    /** Returns the bytes the defaults may need together on a heap of {@code heap} bytes. */
    public static long share(long heap) {
        return (long) (heap * SHARE);
    }

    /** Returns the default capacity of each of {@code workshops} production lines on {@code heap}. */
    public static int lineCapacity(long heap, int workshops) {
        long total = Math.min(FactorySettings.DEFAULT_LINES, share(heap) / 4 / (2 * MATERIAL_BYTES));
        return (int) Math.max(MIN_LINE, total / Math.max(1, workshops));
    }

    /** Returns the default capacity of the transportation line on {@code heap}. */
    public static int transportCapacity(long heap) {
        return (int) Math.max(1024, Math.min(MAX_TRANSPORT, share(heap) / 16 / PRODUCT_BYTES));
    }

    /**
     * Returns the default roster cap on {@code heap}: what the share leaves after the lines and
     * the transportation line, in workers.
     */
    public static int rosterCap(long heap, int workshops, int lineCapacity, int beltLoad, int transportCapacity, int shipmentSize) {
        long left = share(heap) - lineBytes(workshops, lineCapacity, beltLoad) - transportBytes(transportCapacity, shipmentSize);
        long workers = Math.min(MAX_ROSTER, left / WORKER_BYTES);
        return (int) Math.max(Math.max(1, workshops), workers);
    }

    /**
     * Returns the default of how many materials each of {@code workshops} workshops' belts may hold
     * before its director waits on {@code heap}: a quarter of the share over all workshops, at
     * least {@link #MIN_BELT_LOAD} and one full belt more (so that one pid's belt can still fill).
     */
    public static int beltLoad(long heap, int workshops, int beltCapacity) {
        long total = Math.min(FactorySettings.DEFAULT_BELTS, share(heap) / 4 / MATERIAL_BYTES);
        long each = Math.max(Math.max(MIN_BELT_LOAD, beltCapacity + 1L), total / Math.max(1, workshops));
        return (int) Math.min(Integer.MAX_VALUE, each);
    }

    /** Returns the worst-case heap of {@code settings}: the formula above. */
    public static long worstCase(FactorySettings settings) {
        return lineBytes(settings) + rosterBytes(settings.rosterCap())
                + transportBytes(settings.transportCapacity(), settings.shipmentSize());
    }

    /**
     * Refuses settings whose worst case exceeds the whole heap (twice the defaults' share), with one
     * line naming the largest part, e.g. "roster cap 4,194,304 x ~2 KB per worker = 8 GB, heap 256 MB".
     *
     * @throws IllegalArgumentException if {@link #worstCase} exceeds {@code heap}
     */
    public static void refuseOver(FactorySettings settings, long heap) {
        long worst = worstCase(settings);
        if (worst <= heap) {
            return;
        }
        long lines = lineBytes(settings);
        long roster = rosterBytes(settings.rosterCap());
        long transport = transportBytes(settings.transportCapacity(), settings.shipmentSize());
        String part;
        if (roster >= lines && roster >= transport) {
            part = String.format(Locale.ROOT, "roster cap %,d x ~%s per worker = %s", settings.rosterCap(),
                    bytes(WORKER_BYTES), bytes(roster));
        } else if (lines >= transport) {
            part = String.format(Locale.ROOT, "(line capacity %,d x 1.5 + belt load %,d) x %d workshops x ~%s per material = %s",
                    settings.lineCapacity(), settings.beltLoad(), settings.workshops(), bytes(MATERIAL_BYTES), bytes(lines));
        } else {
            part = String.format(Locale.ROOT, "transport capacity %,d + shipment size %,d x ~%s per product = %s",
                    settings.transportCapacity(), settings.shipmentSize(), bytes(PRODUCT_BYTES), bytes(transport));
        }
        throw new IllegalArgumentException("settings need up to " + bytes(worst) + ", more than the heap: " + part
                + ", heap " + bytes(heap) + "; lower it or give the JVM more heap (-Xmx)");
    }

    /**
     * Estimates the heap held now: materials on lines and belts, live and retiring workers,
     * products in transport, and the lines' preallocated rings.
     */
    public static long held(long materials, long workers, long products, long lineSlots) {
        return materials * MATERIAL_BYTES + workers * WORKER_BYTES + products * PRODUCT_BYTES + lineSlots * 12;
    }

    private static long lineBytes(FactorySettings settings) {
        return lineBytes(settings.workshops(), settings.lineCapacity(), settings.beltLoad());
    }

    private static long lineBytes(int workshops, int lineCapacity, int beltLoad) {
        long perWorkshop = (long) lineCapacity + lineCapacity / 2 + beltLoad;
        return workshops * perWorkshop * MATERIAL_BYTES;
    }

    private static long rosterBytes(int rosterCap) {
        return rosterCap * WORKER_BYTES;
    }

    private static long transportBytes(int transportCapacity, int shipmentSize) {
        return ((long) transportCapacity + shipmentSize) * PRODUCT_BYTES;
    }

    /** Formats a byte count in binary units, one decimal below 10: "4 GB", "1.5 MB", "512 B". */
    public static String bytes(long n) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double value = n;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return value < 10 && unit > 0 && value != Math.rint(value)
                ? String.format(Locale.ROOT, "%.1f %s", value, units[unit])
                : String.format(Locale.ROOT, "%.0f %s", value, units[unit]);
    }
}
