package io.github.loomfactory.flows.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.flows.Packet;
import io.github.loomfactory.flows.Protocol;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Live capture through libpcap on the loopback interface, with traffic the test makes itself:
 * UDP datagrams over 127.0.0.1 to a port the BPF filter selects. Needs libpcap and the right to
 * capture (root, as in CI).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveCaptureTest {
    private final List<PcapReject> rejects = new CopyOnWriteArrayList<>();

    @Test
    void datagramsSentOverLoopbackAreCapturedThroughTheFilterWithWallClockTimes() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (var receiver = new DatagramSocket(new InetSocketAddress(loopback, 0));
             var sender = new DatagramSocket(new InetSocketAddress(loopback, 0))) {
            int port = receiver.getLocalPort();
            Instant before = Instant.now();
            try (var capture = LiveCapture.open("lo", "udp and dst port " + port, rejects::add)) {
                assertEquals(PcapReader.LINKTYPE_ETHERNET, capture.linkType());
                var sent = new ArrayList<Integer>();
                for (int i = 0; i < 5; i++) {
                    byte[] payload = new byte[10 + 100 * i];
                    sender.send(new DatagramPacket(payload, payload.length, receiver.getLocalSocketAddress()));
                    sent.add(payload.length);
                }
                var packets = new ArrayList<Packet>();
                while (packets.size() < sent.size() && capture.hasNext()) {
                    packets.add(capture.next());
                }
                Instant after = Instant.now();
                assertEquals(sent.size(), packets.size());
                for (int i = 0; i < sent.size(); i++) {
                    Packet packet = packets.get(i);
                    assertEquals(new Packet(packet.timestamp(), "127.0.0.1", sender.getLocalPort(), "127.0.0.1", port,
                            Protocol.UDP, 14 + 20 + 8 + sent.get(i), 0), packet);
                    assertFalse(packet.timestamp().isBefore(before.minusSeconds(1)) || packet.timestamp().isAfter(after.plusSeconds(1)),
                            "a wall-clock timestamp between " + before + " and " + after + ": " + packet.timestamp());
                }
                assertEquals(sent.size(), capture.records(), "the filter selected only the test's datagrams");
            }
        }
        assertEquals(List.of(), rejects);
    }

    @Test
    void stopWakesAWaitingReaderWhichThenEndsAndCloseReleasesTheHandle() throws Exception {
        var capture = LiveCapture.open("lo", "udp and port 9 and host 127.0.0.254", rejects::add);
        var waiting = new CountDownLatch(1);
        var ended = new CountDownLatch(1);
        var result = new boolean[] {true};
        Thread reader = Thread.ofPlatform().start(() -> {
            waiting.countDown();
            result[0] = capture.hasNext();
            ended.countDown();
        });
        assertTrue(waiting.await(10, TimeUnit.SECONDS));
        capture.stop();
        assertTrue(ended.await(10, TimeUnit.SECONDS), "hasNext returned after stop");
        assertFalse(result[0], "a stopped quiet capture has no next packet");
        capture.close();
        capture.close();
        reader.join(10_000);
        assertEquals(0, capture.dropped());
    }

    @Test
    void aMissingInterfaceIsOneClearLine() {
        var e = assertThrows(IOException.class, () -> LiveCapture.open("nosuchif0", "", rejects::add));
        assertEquals("live capture: interface nosuchif0 does not exist ('ip link' lists the interfaces)", e.getMessage());
    }

    @Test
    void aMissingLibpcapIsOneClearLine() {
        var e = assertThrows(IOException.class,
                () -> LiveCapture.open(List.of("libpcap-absent.so.9", "libpcap-absent.so"), "lo", "", rejects::add));
        assertEquals("libpcap not found (tried libpcap-absent.so.9, libpcap-absent.so): install it, e.g. 'apt-get install"
                + " libpcap0.8' on Debian and Ubuntu, 'dnf install libpcap' on Fedora", e.getMessage());
    }

    @Test
    void aBadFilterIsOneClearLine() {
        var e = assertThrows(IOException.class, () -> LiveCapture.open("lo", "udp and and port", rejects::add));
        assertTrue(e.getMessage().startsWith("live capture on lo: bad filter 'udp and and port': "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void misuseIsRefused() {
        assertThrows(NullPointerException.class, () -> LiveCapture.open(null, "", rejects::add));
        assertThrows(NullPointerException.class, () -> LiveCapture.open("lo", null, rejects::add));
        assertThrows(NullPointerException.class, () -> LiveCapture.open("lo", "", null));
        assertThrows(IllegalArgumentException.class, () -> LiveCapture.open(" ", "", rejects::add));
    }
}
