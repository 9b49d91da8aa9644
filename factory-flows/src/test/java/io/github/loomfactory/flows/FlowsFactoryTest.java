package io.github.loomfactory.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.api.Shipment;
import io.github.loomfactory.api.Warehouse;
import io.github.loomfactory.flows.testing.PcapFiles;
import io.github.loomfactory.flows.capture.PcapReader;
import io.github.loomfactory.flows.capture.PcapReject;
import io.github.loomfactory.core.Factory;
import io.github.loomfactory.core.FactorySettings;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real engine on event time: a capture gives the same flows, end reasons included, each time
 * it is read, however the engine happened to batch it.
 */
class FlowsFactoryTest {
    private static final Comparator<FlowRecord> ORDER = Comparator.comparing(FlowRecord::first_seen)
            .thenComparing(FlowRecord::src_addr).thenComparing(FlowRecord::src_port)
            .thenComparing(FlowRecord::dst_addr).thenComparing(FlowRecord::dst_port)
            .thenComparing(FlowRecord::protocol);

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aCaptureGivesTheSameFlowsEveryTimeItIsRead() throws Exception {
        List<Packet> packets = new ArrayList<>();
        SyntheticPackets.builder().seed(11).hosts(20).conversations(60).meanGap(Duration.ofMillis(20)).limit(6000)
                .build().forEach(packets::add);
        byte[] capture = PcapFiles.pcap(PcapFiles.Format.ethernet().nanos(true), packets);

        List<FlowRecord> first = run(capture);
        for (int replay = 0; replay < 5; replay++) {
            assertEquals(first, run(capture), "replay " + replay + " differs");
        }
        assertEquals(packets.size(), first.stream().mapToLong(r -> r.packets_fwd() + r.packets_bwd()).sum());
        assertEquals(packets.stream().mapToLong(Packet::length).sum(),
                first.stream().mapToLong(r -> r.bytes_fwd() + r.bytes_bwd()).sum());
        Map<String, Integer> reasons = new TreeMap<>();
        first.forEach(r -> reasons.merge(r.end_reason(), 1, Integer::sum));
        assertEquals(List.of("active", "drain", "idle"), List.copyOf(reasons.keySet()), reasons.toString());
    }

    private static List<FlowRecord> run(byte[] capture) throws IOException, InterruptedException {
        var warehouse = new Shelf();
        var rejects = new ArrayList<PcapReject>();
        var settings = FactorySettings.builder().workshops(2).eventTime(true).contract(Duration.ofSeconds(2))
                .inspection(Duration.ofSeconds(1)).statusInterval(Duration.ZERO).build();
        try (var factory = Factory.builder(new FlowsBlueprint(Duration.ofSeconds(10)), warehouse).settings(settings)
                .start();
                var reader = PcapReader.open(new ByteArrayInputStream(capture), "e2e.pcap", rejects::add)) {
            while (reader.hasNext()) {
                factory.purchase(reader.next());
            }
        }
        assertEquals(List.of(), rejects);
        assertTrue(warehouse.closed);
        var records = new ArrayList<>(warehouse.records);
        records.sort(ORDER);
        return records;
    }

    /** Keeps what it receives; the driver calls it from one thread. */
    private static final class Shelf implements Warehouse<FlowRecord> {
        final List<FlowRecord> records = new ArrayList<>();
        volatile boolean closed;

        @Override
        public void receive(Shipment<FlowRecord> shipment) {
            assertTrue(shipment.products().stream().allMatch(r -> r.pclass().equals(shipment.pclass())));
            records.addAll(shipment.products());
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
