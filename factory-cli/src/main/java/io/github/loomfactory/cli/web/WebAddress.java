package io.github.loomfactory.cli.web;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where the web server listens: {@code [HOST:]PORT}, the loopback address 127.0.0.1 unless a host
 * is given; port 0 asks the system for any free port. An IPv6 host is written in brackets:
 * {@code [::1]:8080}.
 *
 * @param host the host name or address to bind
 * @param port the port, 0 to 65535
 */
public record WebAddress(String host, int port) {
    /** The host bound when none is given. */
    public static final String LOOPBACK = "127.0.0.1";

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException if the host is empty or the port out of range
     */
    public WebAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("the host of --http is empty: give HOST:PORT or just PORT");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("the port of --http must be 0 to 65535 (0 for any free port): " + port);
        }
    }

    /**
     * Parses {@code [HOST:]PORT}.
     *
     * @param text what the user wrote
     * @return the address
     * @throws IllegalArgumentException naming what is wrong with {@code text}
     */
    public static WebAddress parse(String text) {
        Objects.requireNonNull(text, "text");
        String host = LOOPBACK;
        String port = text.strip();
        int colon = port.lastIndexOf(':');
        if (colon >= 0) {
            host = port.substring(0, colon);
            port = port.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            } else if (host.contains(":")) {
                throw new IllegalArgumentException("write an IPv6 host of --http in brackets, as [::1]:8080: " + text);
            }
        }
        if (port.isEmpty() || !port.chars().allMatch(Character::isDigit) || port.length() > 5) {
            throw new IllegalArgumentException("--http wants [HOST:]PORT with a port of 0 to 65535 (0 for any free port): " + text);
        }
        return new WebAddress(host, Integer.parseInt(port));
    }

    /** Returns the socket address to bind (resolving the host). */
    InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
