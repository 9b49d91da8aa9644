package io.github.loomfactory.cli.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WebAddressTest {

    @Test
    void aPortAloneBindsTheLoopbackAddress() {
        assertEquals(new WebAddress("127.0.0.1", 8080), WebAddress.parse("8080"));
        assertEquals(new WebAddress("127.0.0.1", 0), WebAddress.parse("0"));
    }

    @Test
    void aHostAndPortBindThatHost() {
        assertEquals(new WebAddress("0.0.0.0", 9400), WebAddress.parse("0.0.0.0:9400"));
        assertEquals(new WebAddress("localhost", 1), WebAddress.parse("localhost:1"));
    }

    @Test
    void anIpv6HostIsWrittenInBrackets() {
        var address = WebAddress.parse("[::1]:8080");
        assertEquals(new WebAddress("::1", 8080), address);
        assertEquals("[::1]:8080", address.toString());
        var thrown = assertThrows(IllegalArgumentException.class, () -> WebAddress.parse("::1:8080"));
        assertTrue(thrown.getMessage().contains("brackets"), thrown.getMessage());
    }

    @Test
    void aBadPortIsNamedInTheMessage() {
        for (String bad : new String[] {"", "x", "host:", "80a", "-1", "65536", "1234567"}) {
            var thrown = assertThrows(IllegalArgumentException.class, () -> WebAddress.parse(bad), bad);
            assertTrue(thrown.getMessage().contains("--http"), thrown.getMessage());
            assertTrue(thrown.getMessage().contains(bad) || bad.isEmpty(), thrown.getMessage());
        }
    }

    @Test
    void anEmptyHostIsRefused() {
        var thrown = assertThrows(IllegalArgumentException.class, () -> WebAddress.parse(":8080"));
        assertTrue(thrown.getMessage().contains("host"), thrown.getMessage());
    }
}
