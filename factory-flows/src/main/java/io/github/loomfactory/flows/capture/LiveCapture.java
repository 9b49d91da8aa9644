package io.github.loomfactory.flows.capture;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.github.loomfactory.flows.Packet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Captures packets live from a network interface through libpcap, called with the foreign
 * function API ({@code java.lang.foreign}: no JNI, no native code of ours).
 *
 * <p>{@link #open} creates and activates a libpcap handle ({@code pcap_create},
 * {@code pcap_activate}; snapshot length 262,144 bytes, not promiscuous, immediate mode,
 * nanosecond timestamps where the platform has them), compiles and sets an optional BPF filter
 * ({@code pcap_compile}, {@code pcap_setfilter}), and starts one platform thread that loops on
 * {@code pcap_next_ex}, decodes each frame as the file readers do and queues its packet. Iterating
 * takes packets from that bounded queue, waiting for the next one: a full queue holds the capture
 * thread back, and what the kernel then cannot buffer it drops and counts ({@link #dropped()}).
 * {@link #stop()} ({@code pcap_breakloop}) ends the capture: the packets queued before it are
 * still returned, then {@link #hasNext()} says false. {@link #close()} stops, waits for the
 * capture thread and closes the handle ({@code pcap_close}).
 *
 * <p>The timestamps are the kernel's capture times, on the wall clock: run the {@code flows}
 * blueprint on wall time ({@code FactorySettings.eventTime(false)}, the default) so that flows end
 * by their contract even when the link falls quiet.
 *
 * <p>The program must be allowed native access ({@code --enable-native-access=io.github.loomfactory.flows}),
 * libpcap must be installed ({@code libpcap0.8} on Debian), and capturing needs root or the
 * {@code CAP_NET_RAW} and {@code CAP_NET_ADMIN} capabilities. Each of these, a missing interface
 * and a bad filter fail {@link #open} with a one-line message that says so.
 *
 * <p>Thread-safety: iterate from one thread; {@link #stop()} and {@link #close()} may be called
 * from any thread. The reject handler is called on the capture thread.
 *
 * {@snippet file="io/github/loomfactory/flows/capture/LiveCaptureSnippetTest.java" region="live"}
 */
@SuppressWarnings("restricted") // reads libpcap's packet headers and frames in place
public final class LiveCapture implements CaptureReader {

    /** The snapshot length asked of libpcap: whole frames, as tcpdump's default. */
    public static final int SNAP_LENGTH = 262_144;
    /** How many decoded packets wait for the reader at most. */
    public static final int QUEUE_CAPACITY = 16_384;

    private static final int READ_TIMEOUT_MILLIS = 100;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long STOP_WAIT_MILLIS = 10_000;

    private final Libpcap pcap;
    private final Arena arena;
    private final MemorySegment handle;
    private final String device;
    private final int linkType;
    private final boolean nanos;
    private final Consumer<PcapReject> rejects;
    private final BlockingQueue<Packet> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread thread;

    // states: CAPTURING -> STOPPING (stop()) -> FINISHED (the capture thread ended) -> CLOSED
    private volatile boolean stopping;
    private volatile boolean finished;
    private volatile String failure;
    private volatile long records;
    private volatile long dropped;
    private boolean closed;
    private Packet next;

    private LiveCapture(Libpcap pcap, Arena arena, MemorySegment handle, String device, int linkType, boolean nanos,
            Consumer<PcapReject> rejects) {
        this.pcap = pcap;
        this.arena = arena;
        this.handle = handle;
        this.device = device;
        this.linkType = linkType;
        this.nanos = nanos;
        this.rejects = rejects;
        this.thread = Thread.ofPlatform().daemon().name("live-capture-" + device).unstarted(this::capture);
    }

    /**
     * Opens a live capture on an interface and starts capturing.
     *
     * @param device the interface, e.g. {@code eth0} or {@code lo} ({@code any} captures on all of
     *     them, as Linux cooked frames)
     * @param filter a BPF filter in tcpdump's syntax, e.g. {@code "tcp port 443"}; blank for none
     * @param rejects receives each frame that is not a readable IP packet, on the capture thread
     * @return the capture, capturing
     * @throws IOException with a one-line message if libpcap is not installed, the interface does
     *     not exist or is down, capturing is not permitted, its link type is not supported, or the
     *     filter does not compile
     */
    public static LiveCapture open(String device, String filter, Consumer<PcapReject> rejects) throws IOException {
        return open(Libpcap.NAMES, device, filter, rejects);
    }

    /** Opens a capture with libpcap looked up under the given names (tests try missing ones). */
    static LiveCapture open(List<String> libraryNames, String device, String filter, Consumer<PcapReject> rejects)
            throws IOException {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(rejects, "rejects");
        if (device.isBlank()) {
            throw new IllegalArgumentException("device must not be blank");
        }
        Libpcap pcap = Libpcap.load(libraryNames);
        Arena arena = Arena.ofShared();
        MemorySegment handle = MemorySegment.NULL;
        try {
            MemorySegment errbuf = arena.allocate(Libpcap.ERRBUF_SIZE);
            handle = (MemorySegment) pcap.create.invokeExact(arena.allocateFrom(device), errbuf);
            if (handle.equals(MemorySegment.NULL)) {
                throw new IOException("live capture on " + device + ": " + errbuf.getString(0));
            }
            int ignored = (int) pcap.setSnaplen.invokeExact(handle, SNAP_LENGTH);
            ignored = (int) pcap.setPromisc.invokeExact(handle, 0);
            ignored = (int) pcap.setTimeout.invokeExact(handle, READ_TIMEOUT_MILLIS);
            ignored = (int) pcap.setImmediateMode.invokeExact(handle, 1);
            boolean nanos = (int) pcap.setTstampPrecision.invokeExact(handle, Libpcap.TSTAMP_PRECISION_NANO) == 0;
            int status = (int) pcap.activate.invokeExact(handle);
            if (status < 0) {
                throw new IOException(activationError(pcap, handle, device, status));
            }
            int linkType = (int) pcap.datalink.invokeExact(handle);
            if (!PacketDecoder.supports(linkType)) {
                throw new IOException("live capture on " + device + ": its link type " + linkType
                        + " is not supported; supported are " + PacketDecoder.SUPPORTED);
            }
            if (!filter.isBlank()) {
                setFilter(pcap, arena, handle, device, filter);
            }
            var capture = new LiveCapture(pcap, arena, handle, device, linkType, nanos, rejects);
            capture.thread.start();
            return capture;
        } catch (IOException | RuntimeException | Error e) {
            release(pcap, arena, handle);
            throw e;
        } catch (Throwable e) {
            release(pcap, arena, handle);
            throw new IOException("live capture on " + device + ": calling libpcap failed: " + e, e);
        }
    }

    private static String activationError(Libpcap pcap, MemorySegment handle, String device, int status) throws Throwable {
        String detail = Libpcap.string((MemorySegment) pcap.geterr.invokeExact(handle));
        return switch (status) {
            case Libpcap.ERROR_NO_SUCH_DEVICE -> "live capture: interface " + device + " does not exist"
                    + " ('ip link' lists the interfaces)";
            case Libpcap.ERROR_PERM_DENIED, Libpcap.ERROR_PROMISC_PERM_DENIED -> "live capture on " + device
                    + ": capture not permitted (run as root, or give java the capabilities:"
                    + " setcap cap_net_raw,cap_net_admin=eip $JAVA_HOME/bin/java)" + (detail.isBlank() ? "" : ": " + detail);
            case Libpcap.ERROR_IFACE_NOT_UP -> "live capture on " + device + ": the interface is down";
            default -> "live capture on " + device + ": "
                    + Libpcap.string((MemorySegment) pcap.statustostr.invokeExact(status))
                    + (detail.isBlank() ? "" : ": " + detail);
        };
    }

    private static void setFilter(Libpcap pcap, Arena arena, MemorySegment handle, String device, String filter)
            throws Throwable {
        MemorySegment program = arena.allocate(Libpcap.BPF_PROGRAM, ADDRESS.byteAlignment());
        int compiled = (int) pcap.compile.invokeExact(handle, program, arena.allocateFrom(filter), 1, Libpcap.NETMASK_UNKNOWN);
        if (compiled < 0) {
            throw new IOException("live capture on " + device + ": bad filter '" + filter + "': "
                    + Libpcap.string((MemorySegment) pcap.geterr.invokeExact(handle)));
        }
        try {
            if ((int) pcap.setfilter.invokeExact(handle, program) < 0) {
                throw new IOException("live capture on " + device + ": cannot set filter '" + filter + "': "
                        + Libpcap.string((MemorySegment) pcap.geterr.invokeExact(handle)));
            }
        } finally {
            pcap.freecode.invokeExact(program);
        }
    }

    private static void release(Libpcap pcap, Arena arena, MemorySegment handle) {
        try {
            if (!handle.equals(MemorySegment.NULL)) {
                pcap.close.invokeExact(handle);
            }
        } catch (Throwable suppressed) {
            // the handle is gone either way; the open failure is what the caller learns
        } finally {
            arena.close();
        }
    }

    /**
     * Returns the interface captured on.
     *
     * @return the device name
     */
    public String device() {
        return device;
    }

    /**
     * Returns the interface's link type, e.g. {@link PcapReader#LINKTYPE_ETHERNET}.
     *
     * @return the link type
     */
    public int linkType() {
        return linkType;
    }

    /**
     * Returns how many frames the capture thread has received so far, packets and rejects alike.
     *
     * @return the number of frames received
     */
    @Override
    public long records() {
        return records;
    }

    /**
     * Returns how many packets were lost: those the kernel (or the interface) dropped because the
     * capture did not keep up, as {@code pcap_stats} says when the capture thread ends, and those
     * captured as it stopped that found the queue full.
     *
     * @return the number of packets dropped, 0 before the capture ends
     */
    public long dropped() {
        return dropped;
    }

    /**
     * Waits for the next packet, or for the capture to end.
     *
     * @return true if {@link #next()} will return a packet; false once the capture has ended
     *     and every packet captured before has been returned
     * @throws UncheckedIOException if libpcap reported an error (the interface went away)
     */
    @Override
    public boolean hasNext() {
        while (next == null) {
            boolean done = finished;
            next = queue.poll();
            if (next != null) {
                break;
            }
            if (done) {
                String error = failure;
                if (error != null) {
                    failure = null;
                    throw new UncheckedIOException(new IOException(error));
                }
                return false;
            }
            try {
                next = queue.poll(POLL_NANOS, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the next packet, waiting for it.
     *
     * @return the packet
     * @throws NoSuchElementException if the capture has ended
     * @throws UncheckedIOException if libpcap reported an error
     */
    @Override
    public Packet next() {
        if (!hasNext()) {
            throw new NoSuchElementException("live capture on " + device + " has ended after " + records + " frames");
        }
        Packet packet = next;
        next = null;
        return packet;
    }

    /**
     * Ends the capture ({@code pcap_breakloop}): the packets captured before are still returned.
     * Idempotent; callable from any thread, e.g. a shutdown hook.
     */
    public void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        synchronized (this) {
            if (!closed) {
                try {
                    pcap.breakloop.invokeExact(handle);
                } catch (Throwable e) {
                    // the capture thread also sees the stopping flag within its read timeout
                }
            }
        }
    }

    /**
     * Stops the capture, waits for the capture thread (at most 10 s) and closes the libpcap
     * handle. Idempotent; callable from any thread.
     *
     * @throws IOException if the capture thread did not end in time (the handle is then left open
     *     rather than closed under it)
     */
    @Override
    public void close() throws IOException {
        stop();
        try {
            thread.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (closed) {
                return;
            }
            if (thread.isAlive()) {
                throw new IOException("live capture on " + device + ": the capture thread did not stop within "
                        + STOP_WAIT_MILLIS + " ms");
            }
            closed = true;
            try {
                pcap.close.invokeExact(handle);
            } catch (Throwable e) {
                throw new IOException("live capture on " + device + ": pcap_close failed: " + e, e);
            } finally {
                arena.close();
            }
        }
    }

    @Override
    public String toString() {
        return "live capture on " + device + " (link type " + linkType + ", " + pcap.library + ")";
    }

    /** The capture thread: pcap_next_ex until stopped or failed. */
    private void capture() {
        var decoder = new PacketDecoder();
        long abandoned = 0;
        byte[] frame = new byte[SNAP_LENGTH];
        try (Arena local = Arena.ofConfined()) {
            MemorySegment headerAt = local.allocate(ADDRESS);
            MemorySegment dataAt = local.allocate(ADDRESS);
            long headerSize = 2 * Libpcap.C_LONG + 8;
            while (!stopping) {
                int status = (int) pcap.nextEx.invokeExact(handle, headerAt, dataAt);
                if (status == 0) {
                    continue;
                }
                if (status == Libpcap.ERROR_BREAK) {
                    break;
                }
                if (status < 0) {
                    failure = "live capture on " + device + " failed: "
                            + Libpcap.string((MemorySegment) pcap.geterr.invokeExact(handle));
                    break;
                }
                MemorySegment header = headerAt.get(ADDRESS, 0).reinterpret(headerSize);
                long seconds = Libpcap.C_LONG == 8 ? header.get(JAVA_LONG, 0) : header.get(JAVA_INT, 0);
                long fraction = Libpcap.C_LONG == 8 ? header.get(JAVA_LONG, 8) : header.get(JAVA_INT, 4);
                int captured = Math.min(header.get(JAVA_INT, 2 * Libpcap.C_LONG), SNAP_LENGTH);
                int original = header.get(JAVA_INT, 2 * Libpcap.C_LONG + 4);
                long number = ++records;
                MemorySegment.copy(dataAt.get(ADDRESS, 0).reinterpret(captured), ValueLayout.JAVA_BYTE, 0, frame, 0, captured);
                String problem = decoder.decode(frame, 0, captured, linkType);
                if (problem != null) {
                    rejects.accept(new PcapReject("interface " + device, number, problem));
                    continue;
                }
                Instant at = Instant.ofEpochSecond(seconds, nanos ? fraction : fraction * 1000);
                Packet packet = decoder.packet(at, original < 0 ? Integer.MAX_VALUE : Math.max(original, captured));
                while (!queue.offer(packet, POLL_NANOS, TimeUnit.NANOSECONDS)) {
                    if (stopping) {
                        abandoned++; // captured as the capture stopped, with no room left: counted as dropped
                        break;
                    }
                }
            }
            MemorySegment stats = local.allocate(16);
            long kernel = 0;
            if ((int) pcap.stats.invokeExact(handle, stats) == 0) {
                kernel = Integer.toUnsignedLong(stats.get(JAVA_INT, 4)) + Integer.toUnsignedLong(stats.get(JAVA_INT, 8));
            }
            dropped = kernel + abandoned;
        } catch (Throwable e) {
            failure = "live capture on " + device + " failed: " + e;
        } finally {
            finished = true;
        }
    }
}
