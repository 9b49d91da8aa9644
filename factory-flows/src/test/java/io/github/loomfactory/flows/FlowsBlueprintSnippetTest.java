package io.github.loomfactory.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.loomfactory.api.Warehouse;
import io.github.loomfactory.core.Factory;
import io.github.loomfactory.core.FactorySettings;
import io.github.loomfactory.flows.capture.Captures;
import io.github.loomfactory.flows.testing.ReferenceFlows;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The snippet of {@link FlowsBlueprint}'s Javadoc ({@code {@snippet file=...}} takes it from here), compiled and run
 * on a committed capture: every packet ends up in a flow, and the flows are those tshark finds.
 */
@Timeout(60)
class FlowsBlueprintSnippetTest {
    @Test
    void theSnippetsFactoryAssemblesEveryPacketOfACaptureIntoTsharksFlows() throws Exception {
        List<Packet> packets = new ArrayList<>();
        try (var reader = Captures.open(ReferenceFlows.CAPTURES.resolve("loopback.pcap"), reject -> {
            throw new AssertionError(reject.toString());
        })) {
            reader.forEachRemaining(packets::add);
        }
        List<FlowRecord> flows = Collections.synchronizedList(new ArrayList<>());
        Warehouse<FlowRecord> warehouse = shipment -> flows.addAll(shipment.products());

        // @start region="flows"
        try (var factory = Factory.builder(new FlowsBlueprint(Duration.ofMinutes(5)), warehouse)
                .settings(FactorySettings.builder().eventTime(true).inspection(Duration.ofSeconds(1)).build())
                .start()) {
            factory.purchaseAll(packets);
        } // drained: every flow has reached the warehouse
        // @end

        var reference = ReferenceFlows.of("loopback.pcap");
        assertEquals(reference.packets(), packets.size(), "the capture's packets");
        assertEquals(reference.packets(), ReferenceFlows.packetsOf(flows));
        assertEquals(reference.bytes(), flows.stream().mapToLong(f -> f.bytes_fwd() + f.bytes_bwd()).sum());
        assertEquals(reference.communityIds(), ReferenceFlows.communityIdsOf(flows));
    }
}
