package io.github.loomfactory.flows.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.loomfactory.api.Warehouse;
import io.github.loomfactory.core.Factory;
import io.github.loomfactory.flows.FlowRecord;
import io.github.loomfactory.flows.FlowsBlueprint;
import io.github.loomfactory.flows.Packet;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snippet of {@link LiveCapture}'s Javadoc ({@code {@snippet file=...}} takes it from here), compiled and run on
 * the loopback interface as {@link LiveCaptureTest} captures: the datagrams the test sends become one flow. The
 * snippet shows an interface and filter of a user's where the test captures only its own datagrams. Needs libpcap
 * and the right to capture (root, as in CI).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveCaptureSnippetTest {
    private static final Logger LOG = LoggerFactory.getLogger(LiveCaptureSnippetTest.class);
    private static final int DATAGRAMS = 5;

    @Test
    void theSnippetPurchasesTheDatagramsSentOverLoopbackUntilStopped() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        List<FlowRecord> flows = Collections.synchronizedList(new ArrayList<>());
        Warehouse<FlowRecord> warehouse = shipment -> flows.addAll(shipment.products());
        var running = new CompletableFuture<LiveCapture>();
        var failure = new AtomicReference<Throwable>();
        int senderPort;
        int port;
        try (var receiver = new DatagramSocket(new InetSocketAddress(loopback, 0));
             var sender = new DatagramSocket(new InetSocketAddress(loopback, 0));
             var factory = Factory.builder(new FlowsBlueprint(), warehouse).start()) { // wall time, as live packets need
            senderPort = sender.getLocalPort();
            port = receiver.getLocalPort();
            Thread capturing = Thread.ofPlatform().name("snippet-capture").start(() -> {
                try {
                    meter(factory, port, running);
                } catch (IOException | InterruptedException | RuntimeException e) {
                    failure.set(e);
                    running.completeExceptionally(e);
                }
            });
            LiveCapture capture = running.get(20, TimeUnit.SECONDS);
            for (int i = 0; i < DATAGRAMS; i++) {
                byte[] payload = new byte[10 + i];
                sender.send(new DatagramPacket(payload, payload.length, receiver.getLocalSocketAddress()));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (factory.stats().purchased() < DATAGRAMS && System.nanoTime() < deadline && capturing.isAlive()) {
                Thread.sleep(20); // polls for the purchases, bounded; the assertions below decide
            }
            capture.stop();
            capturing.join(20_000);
            assertFalse(capturing.isAlive(), "stop() ended the snippet's loop");
        } // the factory drains: the flow reaches the warehouse
        assertNull(failure.get());
        assertEquals(1, flows.size(), flows.toString());
        FlowRecord flow = flows.getFirst();
        assertEquals(List.of("udp", senderPort, port, (long) DATAGRAMS, 0L),
                List.of(flow.protocol(), flow.src_port(), flow.dst_port(), flow.packets_fwd(), flow.packets_bwd()));
    }

    private static void meter(Factory<Packet, FlowRecord> factory, int port, CompletableFuture<LiveCapture> running)
            throws IOException, InterruptedException {
        // @start region="live"
        try (var packets = LiveCapture.open("lo", "udp and dst port " + port, reject -> LOG.warn("{}", reject))) { // @replace substring='"lo", "udp and dst port " + port' replacement='"eth0", "tcp or udp"'
            running.complete(packets); // @replace substring="running.complete(packets);" replacement="// packets.stop(), from any thread, ends the loop"
            while (packets.hasNext()) {
                factory.purchase(packets.next());
            }
        }
        // @end
    }
}
