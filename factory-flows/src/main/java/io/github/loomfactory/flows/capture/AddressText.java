package io.github.loomfactory.flows.capture;

/**
 * Canonical text of IP addresses, with direct-mapped caches so that a capture's recurring
 * addresses are formatted once and shared: IPv4 in dotted decimal, IPv6 as RFC 5952 says
 * (lower-case hex, no leading zeros, the longest run of two or more zero groups, the first if
 * tied, compressed to {@code ::}, and IPv4-mapped addresses as {@code ::ffff:192.0.2.1}).
 *
 * <p>The caches hold 65,536 IPv4 and 4,096 IPv6 addresses (about 600 kB of tables per reader):
 * enough that a capture between 10,000 hosts formats nearly every address once. Sharing one
 * instance per address also spares the flow keys' comparisons a walk through the text
 * ({@code String.equals} sees the same instance), and each address's hash is computed once
 * instead of once per packet.
 *
 * <p>Not thread-safe: each reader owns one.
 */
final class AddressText {
    private static final int V4_BITS = 16;
    private static final int V6_BITS = 12;

    private final int[] v4Keys = new int[1 << V4_BITS];
    private final String[] v4Texts = new String[1 << V4_BITS];
    private final long[] v6High = new long[1 << V6_BITS];
    private final long[] v6Low = new long[1 << V6_BITS];
    private final String[] v6Texts = new String[1 << V6_BITS];

    /** Returns the text of an IPv4 address given as a big-endian int. */
    String ipv4(int address) {
        int slot = (address * 0x9E37_79B9) >>> (32 - V4_BITS);
        String text = v4Texts[slot];
        if (text == null || v4Keys[slot] != address) {
            text = formatIpv4(address);
            v4Keys[slot] = address;
            v4Texts[slot] = text;
        }
        return text;
    }

    /** Returns the text of an IPv6 address given as its high and low 64 bits. */
    String ipv6(long high, long low) {
        long mix = (high ^ Long.rotateLeft(low, 29)) * 0x9E37_79B9_7F4A_7C15L;
        int slot = (int) (mix >>> (64 - V6_BITS));
        String text = v6Texts[slot];
        if (text == null || v6High[slot] != high || v6Low[slot] != low) {
            text = formatIpv6(high, low);
            v6High[slot] = high;
            v6Low[slot] = low;
            v6Texts[slot] = text;
        }
        return text;
    }

    static String formatIpv4(int address) {
        return new StringBuilder(15).append(address >>> 24).append('.').append(address >>> 16 & 0xFF).append('.')
                .append(address >>> 8 & 0xFF).append('.').append(address & 0xFF).toString();
    }

    static String formatIpv6(long high, long low) {
        if (high == 0 && (low >>> 32) == 0xFFFF) {
            return "::ffff:" + formatIpv4((int) low);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (high >>> (48 - 16 * i)) & 0xFFFF;
            groups[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xFFFF;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        var text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
