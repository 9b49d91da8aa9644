package io.github.loomfactory.flows;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The Community ID flow hash, version 1: a flow identifier that Zeek, Suricata, Wireshark,
 * Elastic and others compute alike, so that a flow can be joined across their logs.
 *
 * <p>As corelight's community-id-spec defines it: the SHA-1 of the seed (2 bytes, big-endian), the
 * two addresses (4 or 16 bytes each), the IP protocol (1 byte), a zero pad byte and, for TCP, UDP,
 * SCTP, ICMP and ICMPv6, the two ports (2 bytes each, big-endian), with the endpoints ordered so
 * that the smaller (address bytes unsigned, then port) comes first; the digest in base64 after
 * the version prefix {@code "1:"}. For ICMP and ICMPv6 the type stands for the source port and
 * the code for the destination port, except that a type with a counterpart (echo request and
 * reply, router solicitation and advertisement, ...) takes the counterpart's type as its
 * destination port, so that a request and its reply hash alike; the messages of one-way types
 * (destination unreachable, time exceeded, ...) keep their sender first and are not reordered.
 *
 * <p>Immutable and thread-safe.
 *
 * {@snippet file="io/github/loomfactory/flows/CommunityIdSnippetTest.java" region="community-id"}
 */
public final class CommunityId {

    /** The Community ID of seed 0, the default of every tool that computes it. */
    public static final CommunityId DEFAULT = new CommunityId(0);

    /** IP protocol number of ICMP. */
    public static final int ICMP = 1;
    /** IP protocol number of TCP. */
    public static final int TCP = 6;
    /** IP protocol number of UDP. */
    public static final int UDP = 17;
    /** IP protocol number of ICMPv6. */
    public static final int ICMPV6 = 58;
    /** IP protocol number of SCTP. */
    public static final int SCTP = 132;

    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private final int seed;

    private CommunityId(int seed) {
        this.seed = seed;
    }

    /**
     * Returns the Community ID of a seed.
     *
     * @param seed the seed, 0..65535; tools that should agree must use the same seed
     * @return the Community ID of that seed
     * @throws IllegalArgumentException if {@code seed} is outside 0..65535
     */
    public static CommunityId withSeed(int seed) {
        if ((seed & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("community ID seed must be in 0..65535: " + seed);
        }
        return seed == 0 ? DEFAULT : new CommunityId(seed);
    }

    /**
     * Returns the seed.
     *
     * @return the seed, 0..65535
     */
    public int seed() {
        return seed;
    }

    /**
     * Returns the Community ID of a flow, as seen in one of its packets.
     *
     * @param srcAddr the sender's address: 4 bytes (IPv4) or 16 (IPv6), network order
     * @param dstAddr the receiver's address, of the same length
     * @param ipProtocol the IP protocol number, 0..255 (e.g. {@link #TCP})
     * @param srcPort the sender's port; for ICMP and ICMPv6 the message type
     * @param dstPort the receiver's port; for ICMP and ICMPv6 the message code
     * @return the ID, e.g. {@code "1:wCb3OG7yAFWelaUydu0D+125CLM="}
     * @throws IllegalArgumentException if the addresses are not both 4 or both 16 bytes long, or a
     *     number is out of range
     */
    public String of(byte[] srcAddr, byte[] dstAddr, int ipProtocol, int srcPort, int dstPort) {
        if (srcAddr.length != dstAddr.length || srcAddr.length != 4 && srcAddr.length != 16) {
            throw new IllegalArgumentException("community ID addresses must be both 4 or both 16 bytes long: "
                    + srcAddr.length + " and " + dstAddr.length);
        }
        if ((ipProtocol & ~0xFF) != 0) {
            throw new IllegalArgumentException("IP protocol must be in 0..255: " + ipProtocol);
        }
        if (((srcPort | dstPort) & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("ports must be in 0..65535: " + srcPort + ", " + dstPort);
        }
        boolean ports = ipProtocol == TCP || ipProtocol == UDP || ipProtocol == SCTP || ipProtocol == ICMP
                || ipProtocol == ICMPV6;
        boolean oneWay = false;
        if (ipProtocol == ICMP || ipProtocol == ICMPV6) {
            int counterpart = IcmpTypes.counterpart(ipProtocol == ICMPV6, srcPort);
            oneWay = counterpart < 0;
            if (!oneWay) {
                dstPort = counterpart;
            }
        }
        if (!oneWay && !ordered(srcAddr, dstAddr, srcPort, dstPort)) {
            byte[] addr = srcAddr;
            srcAddr = dstAddr;
            dstAddr = addr;
            int port = srcPort;
            srcPort = dstPort;
            dstPort = port;
        }
        MessageDigest sha1 = sha1();
        sha1.update((byte) (seed >>> 8));
        sha1.update((byte) seed);
        sha1.update(srcAddr);
        sha1.update(dstAddr);
        sha1.update((byte) ipProtocol);
        sha1.update((byte) 0);
        if (ports) {
            sha1.update((byte) (srcPort >>> 8));
            sha1.update((byte) srcPort);
            sha1.update((byte) (dstPort >>> 8));
            sha1.update((byte) dstPort);
        }
        return "1:" + BASE64.encodeToString(sha1.digest());
    }

    /**
     * Returns the Community ID of a flow given by the canonical texts of its addresses.
     *
     * @param srcAddr the sender's address in dotted decimal or RFC 5952 text
     * @param dstAddr the receiver's address, of the same family
     * @param ipProtocol the IP protocol number, 0..255
     * @param srcPort the sender's port; for ICMP and ICMPv6 the message type
     * @param dstPort the receiver's port; for ICMP and ICMPv6 the message code
     * @return the ID
     * @throws IllegalArgumentException if an address is not an IP address literal, the two are of
     *     different families, or a number is out of range
     */
    public String of(String srcAddr, String dstAddr, int ipProtocol, int srcPort, int dstPort) {
        return of(AddressBytes.parse(srcAddr), AddressBytes.parse(dstAddr), ipProtocol, srcPort, dstPort);
    }

    /** Whether endpoint 1 is not larger than endpoint 2: addresses as unsigned bytes, then ports. */
    private static boolean ordered(byte[] addr1, byte[] addr2, int port1, int port2) {
        int byAddr = java.util.Arrays.compareUnsigned(addr1, addr2);
        return byAddr < 0 || byAddr == 0 && port1 <= port2;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-1, which every Java SE platform must have", e);
        }
    }

    @Override
    public String toString() {
        return "community ID v1 (seed " + seed + ")";
    }
}
