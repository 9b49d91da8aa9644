package io.github.loomfactory.flows.capture;

import io.github.loomfactory.flows.Packet;
import io.github.loomfactory.flows.Protocol;
import java.time.Instant;

/**
 * Decodes one captured frame into the fields of a {@link Packet}: the link layer of its link
 * type, any VLAN tags, IPv4 or IPv6 (with extension headers), then TCP or UDP ports and TCP flags,
 * ICMP and ICMPv6 type and code (as the ports, as Zeek and Community ID take them), the IP protocol
 * number and the transport payload length (from the IP header's length fields, so a snapshot
 * length does not shorten it).
 * Shared by every capture reader, so that a frame means the same whether it came from pcap,
 * pcapng or a live interface.
 *
 * <p>{@link #decode} returns null and leaves the fields set, or returns why the frame is not a
 * readable IP packet. Not thread-safe: each reader owns one (with its address cache).
 */
final class PacketDecoder {
    /** Link type Ethernet. */
    static final int ETHERNET = 1;
    /** Link type raw IP. */
    static final int RAW = 101;
    /** Link type Linux cooked capture v1. */
    static final int LINUX_SLL = 113;
    /** Link type raw IPv4. */
    static final int IPV4 = 228;
    /** Link type raw IPv6. */
    static final int IPV6 = 229;
    /** Link type Linux cooked capture v2. */
    static final int LINUX_SLL2 = 276;
    /** The link types this decoder reads, for messages. */
    static final String SUPPORTED = "1 (Ethernet), 101 (raw IP), 113 (Linux cooked v1), 228 (IPv4), 229 (IPv6)"
            + " and 276 (Linux cooked v2)";

    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int ETHERTYPE_IPV6 = 0x86DD;

    private final AddressText addresses = new AddressText();
    private byte[] buffer;
    private String failure;

    // the decoded frame, valid when decode returns null
    String srcAddr;
    String dstAddr;
    int srcPort;
    int dstPort;
    Protocol protocol;
    int tcpFlags;
    int payload;
    int ipProtocol;

    /** Whether frames of this link type can be decoded. */
    static boolean supports(int linkType) {
        return switch (linkType) {
            case ETHERNET, RAW, LINUX_SLL, IPV4, IPV6, LINUX_SLL2 -> true;
            default -> false;
        };
    }

    /**
     * Decodes the frame in {@code bytes[at, end)} of the given (supported) link type.
     *
     * @return null if the fields now hold an IP packet, else the reason it is not one
     */
    String decode(byte[] bytes, int at, int end, int linkType) {
        buffer = bytes;
        failure = null;
        link(at, end, linkType);
        buffer = null;
        return failure;
    }

    /** The packet of the frame just decoded. */
    Packet packet(Instant timestamp, int length) {
        return new Packet(timestamp, srcAddr, srcPort, dstAddr, dstPort, protocol, length, tcpFlags, payload,
                ipProtocol);
    }

    /** Records why the frame is not readable; returns false so that decoders can {@code return fail(...)}. */
    private boolean fail(String reason) {
        failure = reason;
        return false;
    }

    // ---------------------------------------------------------------- link layer

    private boolean link(int at, int end, int linkType) {
        int etherType;
        switch (linkType) {
            case ETHERNET -> {
                if (end - at < 14) {
                    return fail("truncated Ethernet header: " + (end - at) + " of 14 bytes");
                }
                etherType = be16(at + 12);
                if (etherType <= 1500) {
                    return fail("802.3 frame with length field " + etherType + " (LLC), not IP");
                }
                at += 14;
            }
            case LINUX_SLL -> {
                if (end - at < 16) {
                    return fail("truncated Linux cooked header: " + (end - at) + " of 16 bytes");
                }
                etherType = be16(at + 14);
                at += 16;
            }
            case LINUX_SLL2 -> {
                if (end - at < 20) {
                    return fail("truncated Linux cooked v2 header: " + (end - at) + " of 20 bytes");
                }
                etherType = be16(at);
                at += 20;
            }
            case IPV4 -> etherType = ETHERTYPE_IPV4;
            case IPV6 -> etherType = ETHERTYPE_IPV6;
            case RAW -> {
                if (end - at < 1) {
                    return fail("empty raw IP packet");
                }
                int version = u8(at) >>> 4;
                if (version != 4 && version != 6) {
                    return fail("raw IP packet of version " + version + ", not 4 or 6");
                }
                etherType = version == 4 ? ETHERTYPE_IPV4 : ETHERTYPE_IPV6;
            }
            default -> {
                return fail("link type " + linkType + " is not supported; supported are " + SUPPORTED);
            }
        }
        while (etherType == 0x8100 || etherType == 0x88A8 || etherType == 0x9100) {
            if (end - at < 4) {
                return fail("truncated VLAN tag: " + (end - at) + " of 4 bytes");
            }
            etherType = be16(at + 2);
            at += 4;
        }
        return switch (etherType) {
            case ETHERTYPE_IPV4 -> ipv4(at, end);
            case ETHERTYPE_IPV6 -> ipv6(at, end);
            default -> fail("ethertype 0x" + hex4(etherType) + etherTypeName(etherType) + " is not IP");
        };
    }

    private static String etherTypeName(int etherType) {
        return switch (etherType) {
            case 0x0806 -> " (ARP)";
            case 0x8035 -> " (RARP)";
            case 0x88CC -> " (LLDP)";
            case 0x888E -> " (EAPOL)";
            case 0x8847, 0x8848 -> " (MPLS)";
            case 0x8863, 0x8864 -> " (PPPoE)";
            case 0x88F7 -> " (PTP)";
            default -> "";
        };
    }

    // ---------------------------------------------------------------- network layer

    private boolean ipv4(int at, int end) {
        if (end - at < 20) {
            return fail("truncated IPv4 header: " + (end - at) + " of 20 bytes");
        }
        int first = u8(at);
        if (first >>> 4 != 4) {
            return fail("IPv4 ethertype but IP version " + (first >>> 4));
        }
        int headerLength = (first & 0x0F) * 4;
        if (headerLength < 20) {
            return fail("bad IPv4 header length: " + headerLength + " bytes, less than 20");
        }
        if (headerLength > end - at) {
            return fail("truncated IPv4 header: " + (end - at) + " of " + headerLength + " bytes (with options)");
        }
        int totalLength = be16(at + 2);
        if (totalLength >= headerLength && totalLength < end - at) {
            end = at + totalLength; // Ethernet padding follows the datagram
        }
        // the datagram's end on the wire, beyond what the snapshot length kept
        long wireEnd = totalLength >= headerLength ? at + (long) totalLength : end;
        boolean laterFragment = (be16(at + 6) & 0x1FFF) != 0;
        srcAddr = addresses.ipv4(be32(at + 12));
        dstAddr = addresses.ipv4(be32(at + 16));
        return transport(u8(at + 9), at + headerLength, end, wireEnd, laterFragment, false);
    }

    private boolean ipv6(int at, int end) {
        if (end - at < 40) {
            return fail("truncated IPv6 header: " + (end - at) + " of 40 bytes");
        }
        int version = u8(at) >>> 4;
        if (version != 6) {
            return fail("IPv6 ethertype but IP version " + version);
        }
        int payloadLength = be16(at + 4);
        if (payloadLength != 0 && payloadLength < end - at - 40) {
            end = at + 40 + payloadLength;
        }
        int nextHeader = u8(at + 6);
        long wireEnd = payloadLength != 0 ? at + 40L + payloadLength : end;
        srcAddr = addresses.ipv6(be64(at + 8), be64(at + 16));
        dstAddr = addresses.ipv6(be64(at + 24), be64(at + 32));
        at += 40;
        boolean laterFragment = false;
        while (!laterFragment) {
            int headerLength;
            switch (nextHeader) {
                case 0, 43, 60, 135, 139, 140 -> { // hop-by-hop, routing, destination, mobility, HIP, shim6
                    if (end - at < 2) {
                        return fail("truncated IPv6 extension header " + nextHeader);
                    }
                    headerLength = (u8(at + 1) + 1) * 8;
                }
                case 44 -> { // fragment
                    if (end - at < 8) {
                        return fail("truncated IPv6 fragment header: " + (end - at) + " of 8 bytes");
                    }
                    headerLength = 8;
                    laterFragment = (be16(at + 2) & 0xFFF8) != 0;
                }
                case 51 -> { // authentication
                    if (end - at < 2) {
                        return fail("truncated IPv6 authentication header");
                    }
                    headerLength = (u8(at + 1) + 2) * 4;
                }
                default -> {
                    return transport(nextHeader, at, end, wireEnd, false, true);
                }
            }
            if (headerLength > end - at) {
                return fail("truncated IPv6 extension header " + nextHeader + ": " + (end - at) + " of "
                        + headerLength + " bytes");
            }
            nextHeader = u8(at);
            at += headerLength;
        }
        return transport(nextHeader, at, end, wireEnd, true, true);
    }

    // ---------------------------------------------------------------- transport layer

    /**
     * Decodes the transport header at {@code at}; {@code end} is where the captured datagram ends,
     * {@code wireEnd} where it ended on the wire (for the payload length).
     */
    private boolean transport(int ipProtocol, int at, int end, long wireEnd, boolean laterFragment, boolean v6) {
        srcPort = 0;
        dstPort = 0;
        tcpFlags = 0;
        this.ipProtocol = ipProtocol;
        payload = Math.clamp(wireEnd - at, 0, Integer.MAX_VALUE);
        if (laterFragment) {
            protocol = Protocol.of(ipProtocol);
            return true;
        }
        switch (ipProtocol) {
            case 6 -> {
                protocol = Protocol.TCP;
                if (end - at < 20) {
                    return fail("truncated TCP header: " + (end - at) + " of 20 bytes");
                }
                int headerLength = (u8(at + 12) >>> 4) * 4;
                if (headerLength < 20) {
                    return fail("bad TCP header length: " + headerLength + " bytes, less than 20");
                }
                srcPort = be16(at);
                dstPort = be16(at + 2);
                tcpFlags = u8(at + 13);
                payload = Math.clamp(wireEnd - at - headerLength, 0, Integer.MAX_VALUE);
            }
            case 17 -> {
                protocol = Protocol.UDP;
                if (end - at < 8) {
                    return fail("truncated UDP header: " + (end - at) + " of 8 bytes");
                }
                srcPort = be16(at);
                dstPort = be16(at + 2);
                payload = Math.clamp(wireEnd - at - 8, 0, Integer.MAX_VALUE);
            }
            case 1, 58 -> {
                protocol = Protocol.ICMP;
                if (end - at < 4) {
                    return fail("truncated " + (v6 ? "ICMPv6" : "ICMP") + " header: " + (end - at) + " of 4 bytes");
                }
                srcPort = u8(at); // the type and code, as Zeek and Community ID take them
                dstPort = u8(at + 1);
                payload = Math.clamp(wireEnd - at - 8, 0, Integer.MAX_VALUE);
            }
            default -> protocol = Protocol.OTHER;
        }
        return true;
    }

    // ---------------------------------------------------------------- bytes

    private int u8(int at) {
        return buffer[at] & 0xFF;
    }

    private int be16(int at) {
        return (buffer[at] & 0xFF) << 8 | buffer[at + 1] & 0xFF;
    }

    private int be32(int at) {
        return (buffer[at] & 0xFF) << 24 | (buffer[at + 1] & 0xFF) << 16 | (buffer[at + 2] & 0xFF) << 8
                | buffer[at + 3] & 0xFF;
    }

    private long be64(int at) {
        return (long) be32(at) << 32 | be32(at + 4) & 0xFFFF_FFFFL;
    }

    private static String hex4(int value) {
        String hex = Integer.toHexString(value);
        return "0000".substring(hex.length()) + hex;
    }
}
