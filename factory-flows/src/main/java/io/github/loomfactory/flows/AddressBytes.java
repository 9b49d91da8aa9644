package io.github.loomfactory.flows;

/**
 * Parses the text of an IP address literal into its bytes, without any name lookup: IPv4 dotted
 * decimal and IPv6 text (with {@code ::} and an embedded dotted-decimal tail), as the capture
 * readers write them. Unlike {@code InetAddress}, an IPv4-mapped IPv6 address stays 16 bytes.
 */
final class AddressBytes {

    private AddressBytes() {
    }

    /**
     * Returns the bytes of an address literal.
     *
     * @param text the address text
     * @return 4 bytes for IPv4, 16 for IPv6, network order
     * @throws IllegalArgumentException if the text is not an IP address literal
     */
    static byte[] parse(String text) {
        byte[] bytes = text.indexOf(':') >= 0 ? ipv6(text) : ipv4(text, 0, text.length());
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP address literal: '" + text + "'");
        }
        return bytes;
    }

    private static byte[] ipv4(String text, int from, int to) {
        byte[] bytes = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = from; i <= to; i++) {
            char c = i < to ? text.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part == 4) {
                    return null;
                }
                bytes[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return part == 4 ? bytes : null;
    }

    private static byte[] ipv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] head = groups(gap < 0 ? text : text.substring(0, gap), gap < 0);
        int[] tail = gap < 0 ? new int[0] : groups(text.substring(gap + 2), true);
        if (head == null || tail == null || (gap < 0 ? head.length != 8 : head.length + tail.length > 7)) {
            return null;
        }
        byte[] bytes = new byte[16];
        for (int g = 0; g < head.length; g++) {
            bytes[2 * g] = (byte) (head[g] >>> 8);
            bytes[2 * g + 1] = (byte) head[g];
        }
        for (int g = 0, out = 8 - tail.length; g < tail.length; g++, out++) {
            bytes[2 * out] = (byte) (tail[g] >>> 8);
            bytes[2 * out + 1] = (byte) tail[g];
        }
        return bytes;
    }

    /** The 16-bit groups of a colon-separated part; a dotted IPv4 last group counts as two. */
    private static int[] groups(String part, boolean v4Last) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] texts = part.split(":", -1);
        int[] groups = new int[texts.length + 1];
        int count = 0;
        for (int i = 0; i < texts.length; i++) {
            String group = texts[i];
            if (v4Last && i == texts.length - 1 && group.indexOf('.') >= 0) {
                byte[] v4 = ipv4(group, 0, group.length());
                if (v4 == null) {
                    return null;
                }
                groups[count++] = (v4[0] & 0xFF) << 8 | v4[1] & 0xFF;
                groups[count++] = (v4[2] & 0xFF) << 8 | v4[3] & 0xFF;
                continue;
            }
            if (group.isEmpty() || group.length() > 4) {
                return null;
            }
            int value = 0;
            for (int j = 0; j < group.length(); j++) {
                int digit = Character.digit(group.charAt(j), 16);
                if (digit < 0) {
                    return null;
                }
                value = value << 4 | digit;
            }
            groups[count++] = value;
        }
        return java.util.Arrays.copyOf(groups, count);
    }
}
