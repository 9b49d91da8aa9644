package io.github.loomfactory.flows;

/**
 * The transport protocol of a {@link Packet}, as far as flow assembly cares.
 *
 * <p>ICMP covers both ICMP for IPv4 and ICMPv6; {@link #OTHER} is any other IP protocol.
 */
public enum Protocol {

    /** TCP (IP protocol 6). */
    TCP("tcp"),

    /** UDP (IP protocol 17). */
    UDP("udp"),

    /** ICMP (IP protocol 1) or ICMPv6 (IPv6 next header 58). */
    ICMP("icmp"),

    /** Any other IP protocol; its packets carry ports 0. */
    OTHER("other");

    private final String pclass;

    Protocol(String pclass) {
        this.pclass = pclass;
    }

    /**
     * Returns the protocol of an IP protocol number.
     *
     * @param ipProtocol the IP protocol number (IPv4 protocol field, IPv6 next header)
     * @return TCP for 6, UDP for 17, ICMP for 1 and 58, OTHER for any other number
     */
    public static Protocol of(int ipProtocol) {
        return switch (ipProtocol) {
            case 6 -> TCP;
            case 17 -> UDP;
            case 1, 58 -> ICMP;
            default -> OTHER;
        };
    }

    /**
     * Returns the IP protocol number of this protocol, for packets that do not say it.
     *
     * @param v6 whether the packet is IPv6 (ICMPv6 is 58, ICMP 1)
     * @return 6, 17, 1 or 58; 255 (reserved, "unknown") for {@link #OTHER}
     */
    public int number(boolean v6) {
        return switch (this) {
            case TCP -> 6;
            case UDP -> 17;
            case ICMP -> v6 ? 58 : 1;
            case OTHER -> 255;
        };
    }

    /**
     * Returns the lower-case name of this protocol, used as the pclass of its flow records.
     *
     * @return "tcp", "udp", "icmp" or "other"
     */
    public String pclass() {
        return pclass;
    }
}
