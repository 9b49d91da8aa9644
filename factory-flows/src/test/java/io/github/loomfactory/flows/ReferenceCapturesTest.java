package io.github.loomfactory.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.Shipment;
import io.github.loomfactory.api.Warehouse;
import io.github.loomfactory.core.Factory;
import io.github.loomfactory.core.FactorySettings;
import io.github.loomfactory.flows.capture.Captures;
import io.github.loomfactory.flows.capture.PcapReject;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real captures made on loopback (captures/make-captures.sh) against the flows tshark dissects in
 * them (captures/*.flows.csv, from tcp.stream, udp.stream and communityid): flow for flow, the
 * same orientation, packets and bytes each way, Community ID and end reason.
 */
class ReferenceCapturesTest {
    private static final Path CAPTURES = Path.of("captures");

    /** One row of a reference file. */
    record Reference(String protocol, String srcAddr, int srcPort, String dstAddr, int dstPort, Instant firstSeen,
            long packetsFwd, long bytesFwd, long packetsBwd, long bytesBwd, String communityId, String endReason) {

        static Reference parse(String line) {
            String[] f = line.split(",", -1);
            var epoch = new BigDecimal(f[5]);
            long seconds = epoch.longValue();
            var first = Instant.ofEpochSecond(seconds, epoch.subtract(BigDecimal.valueOf(seconds)).movePointRight(9)
                    .longValueExact());
            return new Reference(f[0], f[1], Integer.parseInt(f[2]), f[3], Integer.parseInt(f[4]), first,
                    Long.parseLong(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8]), Long.parseLong(f[9]), f[10], f[11]);
        }

        static Reference of(FlowRecord r) {
            return new Reference(r.protocol(), r.src_addr(), r.src_port(), r.dst_addr(), r.dst_port(), r.first_seen(),
                    r.packets_fwd(), r.bytes_fwd(), r.packets_bwd(), r.bytes_bwd(), r.community_id(), r.end_reason());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"loopback.pcap", "loopback.pcapng"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void everyFlowIsTheOneTsharkSees(String capture) throws Exception {
        List<String> lines = Files.readAllLines(CAPTURES.resolve(capture + ".flows.csv"));
        assertEquals("protocol,src_addr,src_port,dst_addr,dst_port,first_seen,packets_fwd,bytes_fwd,packets_bwd,"
                + "bytes_bwd,community_id,end_reason,tshark_stream", lines.getFirst());
        List<Reference> expected = lines.subList(1, lines.size()).stream().map(Reference::parse).toList();
        List<Reference> actual = run(CAPTURES.resolve(capture)).stream().map(Reference::of)
                .sorted(Comparator.comparing(Reference::firstSeen)).toList();
        assertEquals(expected.size(), actual.size(), "flows: " + actual);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), "flow " + (i + 1) + " of " + capture);
        }
        Map<String, Integer> reasons = new HashMap<>();
        expected.forEach(r -> reasons.merge(r.endReason(), 1, Integer::sum));
        assertTrue(reasons.get("fin") >= 5 && reasons.get("rst") >= 3, "the capture has FIN and RST ends: " + reasons);
    }

    private static List<FlowRecord> run(Path capture) throws IOException, InterruptedException {
        var warehouse = new Shelf();
        var rejects = new ArrayList<PcapReject>();
        var settings = FactorySettings.builder().workshops(2).eventTime(true).contract(Duration.ofSeconds(60))
                .inspection(Duration.ofSeconds(1)).statusInterval(Duration.ZERO).build();
        try (var factory = Factory.builder(new FlowsBlueprint(), warehouse).settings(settings).start();
                var reader = Captures.open(capture, rejects::add)) {
            while (reader.hasNext()) {
                factory.purchase(reader.next());
            }
        }
        assertEquals(List.of(), rejects);
        assertTrue(warehouse.closed);
        return warehouse.records;
    }

    /** Keeps what it receives; the driver calls it from one thread. */
    private static final class Shelf implements Warehouse<FlowRecord> {
        final List<FlowRecord> records = new ArrayList<>();
        volatile boolean closed;

        @Override
        public void receive(Shipment<FlowRecord> shipment) {
            records.addAll(shipment.products());
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
