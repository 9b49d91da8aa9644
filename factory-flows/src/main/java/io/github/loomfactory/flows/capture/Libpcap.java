package io.github.loomfactory.flows.capture;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * The few libpcap functions live capture calls, bound with the foreign function API
 * ({@code java.lang.foreign}): no JNI, no native code of ours. The library is looked up by the
 * names Linux and macOS give it; the first that loads is used.
 *
 * <p>Immutable and thread-safe (method handles); libpcap's own rules hold for the handles passed
 * to it: one thread uses a {@code pcap_t}, except {@code pcap_breakloop}.
 */
@SuppressWarnings("restricted") // binding a native library is what this class is for; the module is granted native access
final class Libpcap {
    /** The names tried, in order: Debian's libpcap0.8 package, other Linux, then macOS. */
    static final List<String> NAMES = List.of("libpcap.so.0.8", "libpcap.so.1", "libpcap.so", "libpcap.A.dylib");

    /** pcap_activate: the interface does not exist. */
    static final int ERROR_NO_SUCH_DEVICE = -5;
    /** pcap_activate: no permission to capture. */
    static final int ERROR_PERM_DENIED = -8;
    /** pcap_activate: the interface is down. */
    static final int ERROR_IFACE_NOT_UP = -9;
    /** pcap_activate: no permission to capture in promiscuous mode. */
    static final int ERROR_PROMISC_PERM_DENIED = -11;
    /** pcap_next_ex: pcap_breakloop was called. */
    static final int ERROR_BREAK = -2;
    /** The size of libpcap's error buffers. */
    static final int ERRBUF_SIZE = 256;
    /** pcap_compile's netmask when it is not known. */
    static final int NETMASK_UNKNOWN = 0xFFFF_FFFF;
    /** pcap_set_tstamp_precision: nanoseconds. */
    static final int TSTAMP_PRECISION_NANO = 1;

    /** The size of C's {@code long}, that of the fields of {@code struct timeval}. */
    static final long C_LONG = Linker.nativeLinker().canonicalLayouts().get("long").byteSize();
    /** The size of {@code struct bpf_program}: an unsigned int and a pointer. */
    static final long BPF_PROGRAM = MemoryLayout.structLayout(JAVA_INT, MemoryLayout.paddingLayout(ADDRESS.byteSize() - 4), ADDRESS)
            .byteSize();

    final String library;
    final MethodHandle create;
    final MethodHandle setSnaplen;
    final MethodHandle setPromisc;
    final MethodHandle setTimeout;
    final MethodHandle setImmediateMode;
    final MethodHandle setTstampPrecision;
    final MethodHandle activate;
    final MethodHandle geterr;
    final MethodHandle statustostr;
    final MethodHandle datalink;
    final MethodHandle compile;
    final MethodHandle setfilter;
    final MethodHandle freecode;
    final MethodHandle nextEx;
    final MethodHandle breakloop;
    final MethodHandle stats;
    final MethodHandle close;

    private Libpcap(String library, SymbolLookup lookup) throws IOException {
        this.library = library;
        var linker = Linker.nativeLinker();
        var intOfHandle = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        var intOfHandleInt = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT);
        create = bind(linker, lookup, "pcap_create", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        setSnaplen = bind(linker, lookup, "pcap_set_snaplen", intOfHandleInt);
        setPromisc = bind(linker, lookup, "pcap_set_promisc", intOfHandleInt);
        setTimeout = bind(linker, lookup, "pcap_set_timeout", intOfHandleInt);
        setImmediateMode = bind(linker, lookup, "pcap_set_immediate_mode", intOfHandleInt);
        setTstampPrecision = bind(linker, lookup, "pcap_set_tstamp_precision", intOfHandleInt);
        activate = bind(linker, lookup, "pcap_activate", intOfHandle);
        geterr = bind(linker, lookup, "pcap_geterr", FunctionDescriptor.of(ADDRESS, ADDRESS));
        statustostr = bind(linker, lookup, "pcap_statustostr", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        datalink = bind(linker, lookup, "pcap_datalink", intOfHandle);
        compile = bind(linker, lookup, "pcap_compile", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
        setfilter = bind(linker, lookup, "pcap_setfilter", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        freecode = bind(linker, lookup, "pcap_freecode", FunctionDescriptor.ofVoid(ADDRESS));
        nextEx = bind(linker, lookup, "pcap_next_ex", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        breakloop = bind(linker, lookup, "pcap_breakloop", FunctionDescriptor.ofVoid(ADDRESS));
        stats = bind(linker, lookup, "pcap_stats", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
        close = bind(linker, lookup, "pcap_close", FunctionDescriptor.ofVoid(ADDRESS));
    }

    /**
     * Loads libpcap under the first of the given names that loads.
     *
     * @throws IOException naming the names tried and the package to install, if none loads or one
     *     lacks a function
     */
    static Libpcap load(List<String> names) throws IOException {
        for (String name : names) {
            SymbolLookup lookup;
            try {
                lookup = SymbolLookup.libraryLookup(name, Arena.global());
            } catch (IllegalArgumentException notFound) {
                continue;
            }
            return new Libpcap(name, lookup);
        }
        throw new IOException("libpcap not found (tried " + String.join(", ", names) + "): install it, e.g."
                + " 'apt-get install libpcap0.8' on Debian and Ubuntu, 'dnf install libpcap' on Fedora");
    }

    private static MethodHandle bind(Linker linker, SymbolLookup lookup, String function, FunctionDescriptor descriptor)
            throws IOException {
        MemorySegment address = lookup.find(function).orElseThrow(() -> new IOException("libpcap has no " + function
                + "; live capture needs libpcap 1.5 or later"));
        return linker.downcallHandle(address, descriptor);
    }

    /** The C string at {@code address}, or "" for NULL. */
    static String string(MemorySegment address) {
        return address.equals(MemorySegment.NULL) ? "" : address.reinterpret(ERRBUF_SIZE * 4L).getString(0);
    }
}
