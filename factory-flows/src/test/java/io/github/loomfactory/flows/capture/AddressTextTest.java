package io.github.loomfactory.flows.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.flows.testing.PcapFiles;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressTextTest {

    @ParameterizedTest
    @CsvSource({
        "2001:0db8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:0db8:0000:0001:0001:0001:0001:0001, 2001:db8:0:1:1:1:1:1",
        "2001:0db8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1",
        "2001:0000:0000:0001:0000:0000:0000:0001, 2001:0:0:1::1",
        "2001:0DB8:AAAA:BBBB:CCCC:DDDD:EEEE:0001, 2001:db8:aaaa:bbbb:cccc:dddd:eeee:1",
        "0000:0000:0000:0000:0000:0000:0000:0000, ::",
        "0000:0000:0000:0000:0000:0000:0000:0001, ::1",
        "0001:0000:0000:0000:0000:0000:0000:0000, 1::",
        "fe80:0000:0000:0000:0202:b3ff:fe1e:8329, fe80::202:b3ff:fe1e:8329",
        "0000:0000:0000:0000:0000:ffff:c000:0201, ::ffff:192.0.2.1",
        "0000:0000:0000:0000:0000:0000:c000:0201, ::c000:201",
        "0001:0000:0002:0000:0003:0000:0004:0000, 1:0:2:0:3:0:4:0",
    })
    void ipv6FollowsRfc5952(String full, String canonical) {
        long[] halves = halves(full);
        assertEquals(canonical, AddressText.formatIpv6(halves[0], halves[1]));
    }

    @Test
    void ipv4IsDottedDecimal() {
        assertEquals("0.0.0.0", AddressText.formatIpv4(0));
        assertEquals("255.255.255.255", AddressText.formatIpv4(-1));
        assertEquals("192.0.2.1", AddressText.formatIpv4(0xC000_0201));
    }

    @Test
    void theCacheReturnsTheSameTextForARecurringAddress() {
        var text = new AddressText();
        String first = text.ipv4(0x0A00_0001);
        assertSame(first, text.ipv4(0x0A00_0001));
        String v6 = text.ipv6(0x2001_0DB8L << 32, 1);
        assertSame(v6, text.ipv6(0x2001_0DB8L << 32, 1));
    }

    /** F1's capture talks between 10,000 hosts: each address should be formatted about once. */
    @Test
    void theCacheKeepsMostOfTenThousandHosts() {
        var random = new SplittableRandom(7);
        int[] hosts = random.ints(10_000).toArray();
        int[] v6Hosts = random.ints(1_000).toArray();
        var text = new AddressText();
        var first = new String[hosts.length];
        var firstV6 = new String[v6Hosts.length];
        for (int i = 0; i < hosts.length; i++) {
            first[i] = text.ipv4(hosts[i]);
        }
        for (int i = 0; i < v6Hosts.length; i++) {
            firstV6[i] = text.ipv6(0x2001_0DB8L << 32, v6Hosts[i]);
        }
        int kept = 0;
        for (int i = 0; i < hosts.length; i++) {
            kept += text.ipv4(hosts[i]) == first[i] ? 1 : 0;
        }
        int keptV6 = 0;
        for (int i = 0; i < v6Hosts.length; i++) {
            keptV6 += text.ipv6(0x2001_0DB8L << 32, v6Hosts[i]) == firstV6[i] ? 1 : 0;
        }
        // direct-mapped: a random address keeps its slot with probability about e^(-hosts/slots)
        assertTrue(kept >= 8_000, kept + " of 10,000 IPv4 texts came back from the cache");
        assertTrue(keptV6 >= 700, keptV6 + " of 1,000 IPv6 texts came back from the cache");
    }

    @Property(tries = 2000)
    void cachedTextIsAlwaysTheAddressesOwn(@ForAll("smallAddresses") int a, @ForAll("smallAddresses") int b) {
        var text = new AddressText();
        text.ipv4(a);
        assertEquals(AddressText.formatIpv4(b), text.ipv4(b));
        assertEquals(AddressText.formatIpv4(a), text.ipv4(a));
        text.ipv6(0, a);
        assertEquals(AddressText.formatIpv6(0, b), text.ipv6(0, b));
    }

    @Property(tries = 2000)
    void ipv6TextMatchesAReferenceAndParsesBack(@ForAll("ipv6") byte[] address) {
        var buffer = ByteBuffer.wrap(address);
        String text = AddressText.formatIpv6(buffer.getLong(), buffer.getLong());
        assertEquals(reference(address), text);
        assertEquals(ByteBuffer.wrap(address), ByteBuffer.wrap(PcapFiles.address(text)));
    }

    @Provide
    Arbitrary<Integer> smallAddresses() {
        return Arbitraries.integers().between(0, 20_000);
    }

    /** Addresses rich in zero groups, so that runs and ties occur. */
    @Provide
    Arbitrary<byte[]> ipv6() {
        Arbitrary<Integer> group = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(0)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(0xFFFF)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 0xFFFF)));
        return group.list().ofSize(8).map(groups -> {
            var bytes = ByteBuffer.allocate(16);
            groups.forEach(g -> bytes.putShort((short) (int) g));
            return bytes.array();
        });
    }

    /** RFC 5952 by string replacement: the first longest run of two or more zero groups becomes "::". */
    private static String reference(byte[] address) {
        var buffer = ByteBuffer.wrap(address);
        var groups = new StringBuilder(":");
        for (int i = 0; i < 8; i++) {
            groups.append(Integer.toHexString(buffer.getShort() & 0xFFFF)).append(':');
        }
        String text = groups.toString();
        if (text.startsWith(":0:0:0:0:0:ffff:")) {
            return "::ffff:" + (address[12] & 0xFF) + "." + (address[13] & 0xFF) + "." + (address[14] & 0xFF) + "."
                    + (address[15] & 0xFF);
        }
        for (int run = 8; run >= 2; run--) {
            String zeros = ":" + "0:".repeat(run);
            int at = text.indexOf(zeros);
            if (at >= 0) {
                text = text.substring(0, at) + "::" + text.substring(at + zeros.length());
                break;
            }
        }
        if (text.startsWith(":") && !text.startsWith("::")) {
            text = text.substring(1);
        }
        if (text.endsWith(":") && !text.endsWith("::")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    private static long[] halves(String full) {
        var buffer = ByteBuffer.allocate(16);
        for (String group : full.split(":")) {
            buffer.putShort((short) Integer.parseInt(group, 16));
        }
        buffer.flip();
        return new long[] {buffer.getLong(), buffer.getLong()};
    }
}
