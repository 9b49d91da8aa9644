package io.github.loomfactory.flows;

import io.github.loomfactory.api.Material;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One network packet, reduced to what flow assembly needs: the material of the {@code flows}
 * blueprint.
 *
 * <p>Addresses are canonical text: IPv4 dotted decimal ({@code 192.0.2.1}), IPv6 in the RFC 5952
 * form (lower case, zeros compressed: {@code 2001:db8::1}). The pcap reader and the synthetic
 * source produce that form; other sources must too, since the {@linkplain #pid() flow key}
 * compares addresses as text.
 *
 * @param timestamp when the packet was captured
 * @param srcAddr the sender's address, canonical text
 * @param srcPort the sender's port; for ICMP and ICMPv6 the message type (as Zeek and Community
 *     ID take it); 0 for other protocols and non-first IP fragments
 * @param dstAddr the receiver's address, canonical text
 * @param dstPort the receiver's port; for ICMP and ICMPv6 the message code; 0 as for
 *     {@code srcPort}
 * @param protocol the transport protocol
 * @param length the frame's original length on the wire, in bytes
 * @param tcpFlags the TCP flag byte (CWR ECE URG ACK PSH RST SYN FIN, high to low bit); 0 for
 *     other protocols
 * @param payload the transport payload's length in bytes: what follows the TCP header, the
 *     8-byte UDP header or the 8-byte ICMP header (the whole IP payload of a non-first fragment),
 *     as the IP header's length fields tell it, so a snapshot length does not shorten it
 * @param ipProtocol the IP protocol number (IPv4 protocol, IPv6 last next header): 6, 17, 1, 58
 *     or, for {@link Protocol#OTHER}, any other
 */
public record Packet(Instant timestamp, String srcAddr, int srcPort, String dstAddr, int dstPort,
        Protocol protocol, int length, int tcpFlags, int payload, int ipProtocol) implements Material {

    /** The FIN flag bit of {@link #tcpFlags()}. */
    public static final int FIN = 0x01;
    /** The SYN flag bit of {@link #tcpFlags()}. */
    public static final int SYN = 0x02;
    /** The RST flag bit of {@link #tcpFlags()}. */
    public static final int RST = 0x04;
    /** The PSH flag bit of {@link #tcpFlags()}. */
    public static final int PSH = 0x08;
    /** The ACK flag bit of {@link #tcpFlags()}. */
    public static final int ACK = 0x10;
    /** The URG flag bit of {@link #tcpFlags()}. */
    public static final int URG = 0x20;
    /** The ECE flag bit of {@link #tcpFlags()}. */
    public static final int ECE = 0x40;
    /** The CWR flag bit of {@link #tcpFlags()}. */
    public static final int CWR = 0x80;

    /**
     * Validates the packet.
     *
     * @throws NullPointerException if the timestamp, an address or the protocol is null
     * @throws IllegalArgumentException if an address is blank, a port is outside 0..65535, the
     *     length or payload is negative, the TCP flags are outside 0..255, or the IP protocol
     *     number is outside 0..255 or not one of {@code protocol}
     */
    public Packet {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(srcAddr, "srcAddr");
        Objects.requireNonNull(dstAddr, "dstAddr");
        Objects.requireNonNull(protocol, "protocol");
        if (srcAddr.isBlank() || dstAddr.isBlank()) {
            throw new IllegalArgumentException("packet addresses must not be blank: srcAddr '" + srcAddr
                    + "', dstAddr '" + dstAddr + "'");
        }
        port("srcPort", srcPort);
        port("dstPort", dstPort);
        if (length < 0) {
            throw new IllegalArgumentException("packet length must be zero or positive: " + length);
        }
        if ((tcpFlags & ~0xFF) != 0) {
            throw new IllegalArgumentException("tcpFlags must be a flag byte in 0..255: " + tcpFlags);
        }
        if (payload < 0) {
            throw new IllegalArgumentException("packet payload must be zero or positive: " + payload);
        }
        if ((ipProtocol & ~0xFF) != 0 || Protocol.of(ipProtocol) != protocol) {
            throw new IllegalArgumentException("ipProtocol " + ipProtocol + " is not a number of protocol " + protocol);
        }
    }

    /**
     * Creates a packet whose payload length is not known (0) and whose IP protocol number is the
     * protocol's own ({@linkplain Protocol#number(boolean) 255 for OTHER}), e.g. for tests and
     * synthetic traffic.
     *
     * @param timestamp when the packet was captured
     * @param srcAddr the sender's address, canonical text
     * @param srcPort the sender's port, or ICMP type
     * @param dstAddr the receiver's address, canonical text
     * @param dstPort the receiver's port, or ICMP code
     * @param protocol the transport protocol
     * @param length the frame's original length on the wire, in bytes
     * @param tcpFlags the TCP flag byte
     * @throws NullPointerException if the timestamp, an address or the protocol is null
     * @throws IllegalArgumentException as the canonical constructor does
     */
    public Packet(Instant timestamp, String srcAddr, int srcPort, String dstAddr, int dstPort, Protocol protocol,
            int length, int tcpFlags) {
        this(timestamp, srcAddr, srcPort, dstAddr, dstPort, protocol, length, tcpFlags, 0,
                Objects.requireNonNull(protocol, "protocol").number(srcAddr != null && srcAddr.indexOf(':') >= 0));
    }

    private static void port(String name, int value) {
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException(name + " must be in 0..65535: " + value);
        }
    }

    /**
     * Returns the key of this packet's flow: equal for both directions of a conversation.
     *
     * @return the flow key
     */
    @Override
    public FlowKey pid() {
        return FlowKey.of(srcAddr, srcPort, dstAddr, dstPort, protocol);
    }

    /**
     * Returns the capture timestamp, so that a factory on event time follows the capture's clock.
     *
     * @return the timestamp
     */
    @Override
    public Optional<Instant> eventTime() {
        return Optional.of(timestamp);
    }
}
