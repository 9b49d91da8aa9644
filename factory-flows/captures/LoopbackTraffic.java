import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Makes a small, fixed mix of traffic on loopback, for captures: UDP and TCP over IPv4 (between
 * 127.13.13.2 and 127.13.13.1, loopback addresses nothing else uses) and IPv6 (on ::1),
 * TCP connections that end with FIN and with RST, one 5-tuple used by two TCP connections in turn
 * (the first reset, so no TIME_WAIT keeps the second from starting), and ICMP / ICMPv6 echoes
 * (InetAddress.isReachable sends them when run as root). Ports come from the OS.
 *
 * <p>Run it with the JDK 25 as a source program: {@code java LoopbackTraffic.java}. It prints a
 * Wireshark display filter that selects exactly its own frames, for cutting them out of a capture
 * of a busy loopback.
 */
public final class LoopbackTraffic {
    private LoopbackTraffic() {
    }

    private static final java.util.Set<Integer> IPV6_PORTS = new java.util.TreeSet<>();

    public static void main(String[] args) throws Exception {
        String[][] pairs = {{"127.13.13.1", "127.13.13.2"}, {"::1", "::1"}};
        for (String[] pair : pairs) {
            InetAddress server = InetAddress.getByName(pair[0]);
            InetAddress client = InetAddress.getByName(pair[1]);
            udp(server, client);
            tcp(server, client, 0, false);
            tcp(server, client, 0, true);
            reusedTuple(server, client);
            if (!server.isReachable(2000)) {
                System.err.println("LoopbackTraffic: no echo reply from " + pair[0] + " (ICMP needs root)");
            }
        }
        var ports = IPV6_PORTS.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "));
        System.out.println("ip.addr == 127.13.13.1 or (ipv6.addr == ::1 and (icmpv6.type == 128 or icmpv6.type == 129 or tcp.port in {" + ports
                + "} or udp.port in {" + ports + "}))");
    }

    private static int note(InetAddress address, int port) {
        if (address instanceof java.net.Inet6Address) {
            IPV6_PORTS.add(port);
        }
        return port;
    }

    /** Three datagrams one way, two the other. */
    private static void udp(InetAddress serverAddress, InetAddress clientAddress) throws Exception {
        try (var server = new DatagramSocket(new InetSocketAddress(serverAddress, 0));
             var client = new DatagramSocket(new InetSocketAddress(clientAddress, 0))) {
            note(serverAddress, server.getLocalPort());
            note(clientAddress, client.getLocalPort());
            server.setSoTimeout(5000);
            client.setSoTimeout(5000);
            var buffer = new byte[2048];
            for (int i = 0; i < 3; i++) {
                byte[] data = ("query " + i).repeat(i + 1).getBytes(StandardCharsets.US_ASCII);
                client.send(new DatagramPacket(data, data.length, server.getLocalSocketAddress()));
                var received = new DatagramPacket(buffer, buffer.length);
                server.receive(received);
                if (i < 2) {
                    byte[] reply = ("answer " + i).getBytes(StandardCharsets.US_ASCII);
                    server.send(new DatagramPacket(reply, reply.length, received.getSocketAddress()));
                    client.receive(new DatagramPacket(buffer, buffer.length));
                }
            }
        }
    }

    /** One connection from {@code localPort} (0: any): a request, a reply, then FIN both ways or the client's RST. */
    private static void tcp(InetAddress address, InetAddress clientAddress, int localPort, boolean reset) throws Exception {
        try (var server = new ServerSocket(0, 1, address)) {
            tcp(server, clientAddress, localPort, reset);
        }
    }

    private static void tcp(ServerSocket server, InetAddress clientAddress, int localPort, boolean reset) throws Exception {
        server.setSoTimeout(5000);
        note(server.getInetAddress(), server.getLocalPort());
        try (var client = new Socket()) {
            client.setReuseAddress(true);
            client.bind(new InetSocketAddress(clientAddress, localPort));
            note(clientAddress, client.getLocalPort());
            client.connect(server.getLocalSocketAddress(), 5000);
            client.setSoTimeout(5000);
            try (Socket accepted = server.accept()) {
                accepted.setSoTimeout(5000);
                OutputStream out = client.getOutputStream();
                out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                accepted.getInputStream().readNBytes(18);
                accepted.getOutputStream().write("HTTP/1.0 200 OK\r\n\r\nhello".getBytes(StandardCharsets.US_ASCII));
                accepted.getOutputStream().flush();
                client.getInputStream().readNBytes(24);
                if (reset) {
                    client.setSoLinger(true, 0);
                    client.close();
                    accepted.getInputStream().read(new byte[16]); // sees the reset
                } else {
                    client.shutdownOutput();
                    InputStream in = accepted.getInputStream();
                    in.read(new byte[16]); // end of stream: the client's FIN
                    accepted.close();
                    client.getInputStream().read(new byte[16]); // the server's FIN
                }
            } catch (java.net.SocketException expectedAfterReset) {
                if (!reset) {
                    throw expectedAfterReset;
                }
            }
        }
    }

    /** Two connections over the same 5-tuple: the first ends with RST, the second with FIN. */
    private static void reusedTuple(InetAddress address, InetAddress clientAddress) throws Exception {
        int port;
        try (var probe = new ServerSocket(0, 1, clientAddress)) {
            port = probe.getLocalPort();
        }
        try (var server = new ServerSocket(0, 1, address)) {
            tcp(server, clientAddress, port, true);
            tcp(server, clientAddress, port, false);
        }
    }
}
