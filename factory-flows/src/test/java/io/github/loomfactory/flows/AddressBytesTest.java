package io.github.loomfactory.flows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.UnknownHostException;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressBytesTest {

    @Property
    void parsesWhatTheJdkFormatsForIpv6(@ForAll @Size(16) byte[] address) throws UnknownHostException {
        String text = InetAddress.getByAddress(address).getHostAddress(); // full form, e.g. 0:0:0:0:0:0:0:1
        assertArrayEquals(address, AddressBytes.parse(text), text);
        assertArrayEquals(address, AddressBytes.parse(compressed(address)), compressed(address));
    }

    @Property
    void parsesIpv4(@ForAll @Size(4) byte[] address) throws UnknownHostException {
        String text = InetAddress.getByAddress(address).getHostAddress();
        assertArrayEquals(address, AddressBytes.parse(text), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "a.b.c.d", ":::", "1:2", "1::2::3",
            "12345::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "::g", "1:", ":1", "::1.2.3", "1.2.3.4::",
            "1:2:3:4:5:6:7:1.2.3.4"})
    void refusesWhatIsNoAddress(String text) {
        assertThrows(IllegalArgumentException.class, () -> AddressBytes.parse(text));
    }

    @org.junit.jupiter.api.Test
    void keepsAnIpv4MappedAddressSixteenBytesLong() {
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 1, 2, 3, 4},
                AddressBytes.parse("::ffff:1.2.3.4"));
    }

    /** The address with its longest run of zero groups compressed to "::" (RFC 5952's choice of run). */
    private static String compressed(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (address[2 * i] & 0xFF) << 8 | address[2 * i + 1] & 0xFF;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
        }
        var text = new StringBuilder();
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
