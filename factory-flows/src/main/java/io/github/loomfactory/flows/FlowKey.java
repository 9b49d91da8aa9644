package io.github.loomfactory.flows;

import java.util.Objects;

/**
 * The pid of a {@link Packet}: the unordered pair of its two endpoints plus its protocol, so that
 * both directions of a conversation have equal keys.
 *
 * <p>The two endpoints are kept in a canonical order: endpoint {@code a} is the smaller of the two
 * by address text, then by port. Build keys with {@link #of}, which puts them in that order.
 *
 * <p>ICMP and ICMPv6 flows are keyed as Community ID pairs them: the message type stands for the
 * sender's port and, for a type that has a counterpart (echo request and reply, router
 * solicitation and advertisement, ...), the counterpart's type for the receiver's, so that a
 * request and its reply have equal keys; one-way types (destination unreachable, time exceeded,
 * ...) take the code for the receiver's port and keep their sender as endpoint {@code a}, so
 * that such messages sent each way are two flows.
 *
 * @param addrA the address of the smaller endpoint
 * @param portA the port of the smaller endpoint (ICMP: see above)
 * @param addrB the address of the larger endpoint
 * @param portB the port of the larger endpoint (ICMP: see above)
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
        if (!oneWayIcmp(protocol, addrA, portA) && compare(addrA, portA, addrB, portB) > 0) {
            throw new IllegalArgumentException("flow key endpoints out of order: " + addrA + " port " + portA
                    + " must not be larger than " + addrB + " port " + portB + "; use FlowKey.of");
        }
    }

    /**
     * Returns the key of a conversation between two endpoints, whichever direction is given.
     *
     * @param srcAddr one endpoint's address
     * @param srcPort one endpoint's port; for ICMP the message type
     * @param dstAddr the other endpoint's address
     * @param dstPort the other endpoint's port; for ICMP the message code
     * @param protocol the protocol
     * @return the key, with the endpoints in canonical order
     */
    public static FlowKey of(String srcAddr, int srcPort, String dstAddr, int dstPort, Protocol protocol) {
        if (protocol == Protocol.ICMP) {
            if (oneWayIcmp(protocol, srcAddr, srcPort)) {
                return new FlowKey(srcAddr, srcPort, dstAddr, dstPort, protocol);
            }
            dstPort = receiverPort(protocol, srcAddr, srcPort, dstPort);
        }
        return compare(srcAddr, srcPort, dstAddr, dstPort) <= 0
                ? new FlowKey(srcAddr, srcPort, dstAddr, dstPort, protocol)
                : new FlowKey(dstAddr, dstPort, srcAddr, srcPort, protocol);
    }

    /**
     * Returns the receiver's port of a packet as its key sees it: for an ICMP type that has a
     * counterpart that type, else the packet's own destination port (for ICMP the code).
     */
    static int receiverPort(Protocol protocol, String srcAddr, int srcPort, int dstPort) {
        if (protocol != Protocol.ICMP) {
            return dstPort;
        }
        int counterpart = IcmpTypes.counterpart(srcAddr.indexOf(':') >= 0, srcPort);
        return counterpart < 0 ? dstPort : counterpart;
    }

    /** Whether endpoint {@code a} of an ICMP key is the sender of a one-way message type. */
    private static boolean oneWayIcmp(Protocol protocol, String addrA, int portA) {
        return protocol == Protocol.ICMP && IcmpTypes.counterpart(addrA.indexOf(':') >= 0, portA) < 0;
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
