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
     * Returns the lower-case name of this protocol, used as the pclass of its flow records.
     *
     * @return "tcp", "udp", "icmp" or "other"
     */
    public String pclass() {
        return pclass;
    }
}
