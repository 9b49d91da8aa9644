package io.github.loomfactory.flows.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.loomfactory.api.Warehouse;
import io.github.loomfactory.core.Factory;
import io.github.loomfactory.core.FactorySettings;
import io.github.loomfactory.flows.FlowRecord;
import io.github.loomfactory.flows.FlowsBlueprint;
import io.github.loomfactory.flows.testing.ReferenceFlows;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snippet of {@link Captures}' Javadoc ({@code {@snippet file=...}} takes it from here), compiled and run: on a
 * stream that holds a committed pcapng capture gzipped, as {@code dumpcap -w - | gzip} writes it, where the snippet
 * reads the standard input.
 */
@Timeout(60)
class CapturesSnippetTest {
    private static final Logger LOG = LoggerFactory.getLogger(CapturesSnippetTest.class);

    @Test
    void theSnippetPurchasesEveryPacketOfAGzippedPcapngStream() throws Exception {
        var gzipped = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(gzipped)) {
            gzip.write(Files.readAllBytes(ReferenceFlows.CAPTURES.resolve("loopback.pcapng")));
        }
        InputStream in = new ByteArrayInputStream(gzipped.toByteArray());
        List<FlowRecord> flows = Collections.synchronizedList(new ArrayList<>());
        Warehouse<FlowRecord> warehouse = shipment -> flows.addAll(shipment.products());
        try (var factory = Factory.builder(new FlowsBlueprint(), warehouse)
                .settings(FactorySettings.builder().eventTime(true).build()).start()) {
            // @start region="captures"
            try (CaptureReader packets = Captures.open(in, "stdin", reject -> LOG.warn("{}", reject))) { // @replace substring="open(in," replacement="open(System.in,"
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
