package io.github.loomfactory.flows;

import java.util.Objects;

/**
 * The pid of a {@link Packet}: the unordered pair of its two endpoints plus its protocol, so that
 * both directions of a conversation have equal keys.
 *
 * <p>The two endpoints are kept in a canonical order: endpoint {@code a} is the smaller of the two
 * by address text, then by port. Build keys with {@link #of}, which puts them in that order.
 *
 * @param addrA the address of the smaller endpoint
 * @param portA the port of the smaller endpoint
 * @param addrB the address of the larger endpoint
 * @param portB the port of the larger endpoint
 * @param protocol the protocol
 */
public record FlowKey(String addrA, int portA, String addrB, int portB, Protocol protocol) {

    /**
     * Checks that the key is complete and canonically ordered.
     *
     * @throws NullPointerException if an address or the protocol is null
     * @throws IllegalArgumentException if endpoint {@code a} is larger than endpoint {@code b}
     */
    public FlowKey {
        Objects.requireNonNull(addrA, "addrA");
        Objects.requireNonNull(addrB, "addrB");
        Objects.requireNonNull(protocol, "protocol");
        if (compare(addrA, portA, addrB, portB) > 0) {
            throw new IllegalArgumentException("flow key endpoints out of order: " + addrA + " port " + portA
                    + " must not be larger than " + addrB + " port " + portB + "; use FlowKey.of");
        }
    }

    /**
     * Returns the key of a conversation between two endpoints, whichever direction is given.
     *
     * @param srcAddr one endpoint's address
     * @param srcPort one endpoint's port
     * @param dstAddr the other endpoint's address
     * @param dstPort the other endpoint's port
     * @param protocol the protocol
     * @return the key, with the endpoints in canonical order
     */
    public static FlowKey of(String srcAddr, int srcPort, String dstAddr, int dstPort, Protocol protocol) {
        return compare(srcAddr, srcPort, dstAddr, dstPort) <= 0
                ? new FlowKey(srcAddr, srcPort, dstAddr, dstPort, protocol)
                : new FlowKey(dstAddr, dstPort, srcAddr, srcPort, protocol);
    }

    private static int compare(String addr1, int port1, String addr2, int port2) {
        int byAddr = addr1.compareTo(addr2);
        return byAddr != 0 ? byAddr : Integer.compare(port1, port2);
    }

    @Override
    public String toString() {
        return protocol.pclass() + " " + endpoint(addrA, portA) + " <-> " + endpoint(addrB, portB);
    }

    static String endpoint(String addr, int port) {
        return addr.indexOf(':') >= 0 ? "[" + addr + "]:" + port : addr + ":" + port;
    }
}
