package io.github.loomfactory.flows.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.flows.Packet;
import io.github.loomfactory.flows.Protocol;
import java.io.File;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live capture through libpcap on the loopback interface, with traffic the test makes itself:
 * UDP datagrams over 127.0.0.1 to a port the BPF filter selects. Needs libpcap and the right to
 * capture (root, as in CI); the refusal without that right is seen from a child JVM run as the
 * unprivileged user 65534 through {@code setpriv}.
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
                            Protocol.UDP, 14 + 20 + 8 + sent.get(i), 0, sent.get(i), 17), packet);
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
    void captureWithoutThePermissionIsOneClearLine(@TempDir Path dir) throws Exception {
        // a child JVM as the unprivileged user 65534 (nobody), on a class path it can read
        Path classes = Files.createDirectories(dir.resolve("classes"));
        Path flows = copy(LiveCapture.class, classes.resolve("flows"));
        Path api = copy(io.github.loomfactory.api.Blueprint.class, classes.resolve("api"));
        Path probe = classes.resolve("probe").resolve("io/github/loomfactory/flows/capture/NoPermissionProbe.class");
        Files.createDirectories(probe.getParent());
        try (var in = NoPermissionProbe.class.getResourceAsStream("NoPermissionProbe.class")) {
            Files.write(probe, in.readAllBytes());
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = String.join(File.pathSeparator, flows.toString(), api.toString(),
                classes.resolve("probe").toString());
        var process = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", java,
                "--enable-native-access=ALL-UNNAMED", "-cp", classPath, NoPermissionProbe.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
        assertTrue(output.startsWith("live capture on lo: capture not permitted (run as root, or give java the capabilities:"
                + " setcap cap_net_raw,cap_net_admin=eip $JAVA_HOME/bin/java)"), output);
        assertEquals(1, output.lines().count(), output);
    }

    /** Copies the class-path root (a directory or a jar) that holds {@code type} into {@code target}; returns the copy. */
    private static Path copy(Class<?> type, Path target) throws Exception {
        Path source = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isRegularFile(source)) {
            Files.createDirectories(target);
            return Files.copy(source, target.resolve(source.getFileName()));
        }
        try (var paths = Files.walk(source)) {
            for (Path path : paths.toList()) {
                Path to = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(to);
                } else if (!path.getFileName().toString().equals("module-info.class")) {
                    Files.copy(path, to);
                }
            }
        }
        return target;
    }

    @Test
    void misuseIsRefused() {
        assertThrows(NullPointerException.class, () -> LiveCapture.open(null, "", rejects::add));
        assertThrows(NullPointerException.class, () -> LiveCapture.open("lo", null, rejects::add));
        assertThrows(NullPointerException.class, () -> LiveCapture.open("lo", "", null));
        assertThrows(IllegalArgumentException.class, () -> LiveCapture.open(" ", "", rejects::add));
    }
}
