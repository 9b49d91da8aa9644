package io.github.loomfactory.flows.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.loomfactory.flows.Packet;
import io.github.loomfactory.flows.testing.ReferenceFlows;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snippet of {@link PcapReader}'s Javadoc ({@code {@snippet file=...}} takes it from here), compiled and run on a
 * committed capture: it reads every packet tshark found in it, every byte of them.
 */
class PcapReaderSnippetTest {
    private static final Logger LOG = LoggerFactory.getLogger(PcapReaderSnippetTest.class);

    @Test
    void theSnippetReadsEveryPacketOfTheCapture() throws Exception {
        // @start region="pcap"
        long count = 0;
        long bytes = 0;
        Path file = Path.of("captures/loopback.pcap"); // @replace substring="captures/loopback.pcap" replacement="capture.pcap"
        try (var packets = PcapReader.open(Files.newInputStream(file), file.toString(), reject -> LOG.warn("{}", reject))) {
            while (packets.hasNext()) {
                Packet packet = packets.next();
                count++;
                bytes += packet.length();
            }
        }
        // @end

        var reference = ReferenceFlows.of("loopback.pcap");
        assertEquals(reference.packets(), count);
        assertEquals(reference.bytes(), bytes);
    }
}
