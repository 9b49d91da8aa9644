package io.github.loomfactory.flows.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.loomfactory.api.Warehouse;
import io.github.loomfactory.core.Factory;
import io.github.loomfactory.core.FactorySettings;
import io.github.loomfactory.flows.FlowRecord;
import io.github.loomfactory.flows.FlowsBlueprint;
import io.github.loomfactory.flows.testing.ReferenceFlows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snippet of {@link PcapngReader}'s Javadoc ({@code {@snippet file=...}} takes it from here), compiled and run on
 * a committed capture: every packet it reads reaches the factory, whose flows are those tshark finds.
 */
@Timeout(60)
class PcapngReaderSnippetTest {
    private static final Logger LOG = LoggerFactory.getLogger(PcapngReaderSnippetTest.class);

    @Test
    void theSnippetPurchasesEveryPacketOfTheCapture() throws Exception {
        List<FlowRecord> flows = Collections.synchronizedList(new ArrayList<>());
        Warehouse<FlowRecord> warehouse = shipment -> flows.addAll(shipment.products());
        try (var factory = Factory.builder(new FlowsBlueprint(), warehouse)
                .settings(FactorySettings.builder().eventTime(true).build()).start()) {
            // @start region="pcapng"
            Path file = Path.of("captures/loopback.pcapng"); // @replace substring="captures/loopback.pcapng" replacement="capture.pcapng"
            try (var packets = PcapngReader.open(Files.newInputStream(file), file.toString(), reject -> LOG.warn("{}", reject))) {
                while (packets.hasNext()) {
                    factory.purchase(packets.next());
                }
            }
            // @end
        }

        var reference = ReferenceFlows.of("loopback.pcapng");
        assertEquals(reference.packets(), ReferenceFlows.packetsOf(flows));
        assertEquals(reference.communityIds(), ReferenceFlows.communityIdsOf(flows));
    }
}
