package io.github.loomfactory.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommunityIdTest {

    @ParameterizedTest(name = "{0} -> {1} proto {2} ports {3} {4}")
    @CsvSource({
            // the community-id-spec's own examples
            "1.2.3.4, 5.6.7.8, 6, 1122, 3344, 1:wCb3OG7yAFWelaUydu0D+125CLM=",
            "1.2.3.4, 5.6.7.8, 17, 1122, 3344, 1:0Mu9InQx6z4ZiCZM/7HXi2WMhOg=",
            // the reverse direction hashes alike
            "5.6.7.8, 1.2.3.4, 6, 3344, 1122, 1:wCb3OG7yAFWelaUydu0D+125CLM=",
    })
    void matchesTheSpecsExamples(String src, String dst, int protocol, int srcPort, int dstPort, String id) {
        assertEquals(id, CommunityId.DEFAULT.of(src, dst, protocol, srcPort, dstPort));
    }

    /** Vectors computed by tshark's communityid field over crafted packets: see captures/make-captures.sh. */
    @Test
    void matchesEveryVectorTsharkComputed() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("captures/community-id-vectors.csv"));
        assertEquals("src_addr,dst_addr,ip_protocol,src_port,dst_port,community_id", lines.getFirst());
        assertTrue(lines.size() > 40, "vectors: " + lines.size());
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertEquals(f[5], CommunityId.DEFAULT.of(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                    Integer.parseInt(f[4])), line);
        }
    }

    @Test
    void acceptsAddressBytes() {
        assertEquals("1:wCb3OG7yAFWelaUydu0D+125CLM=",
                CommunityId.DEFAULT.of(new byte[] {1, 2, 3, 4}, new byte[] {5, 6, 7, 8}, 6, 1122, 3344));
    }

    @Test
    void anEchoRequestAndItsReplyHashAlikeButOneWayMessagesEachWayDoNot() {
        var id = CommunityId.DEFAULT;
        assertEquals(id.of("10.0.0.1", "10.0.0.2", 1, 8, 0), id.of("10.0.0.2", "10.0.0.1", 1, 0, 0));
        assertEquals(id.of("fe80::1", "fe80::2", 58, 128, 0), id.of("fe80::2", "fe80::1", 58, 129, 0));
        assertNotEquals(id.of("10.0.0.1", "10.0.0.2", 1, 3, 3), id.of("10.0.0.2", "10.0.0.1", 1, 3, 3));
    }

    @Test
    void theSeedChangesTheHash() {
        var seeded = CommunityId.withSeed(1);
        assertEquals(1, seeded.seed());
        assertNotEquals(CommunityId.DEFAULT.of("1.2.3.4", "5.6.7.8", 6, 1122, 3344),
                seeded.of("1.2.3.4", "5.6.7.8", 6, 1122, 3344));
        assertSame(CommunityId.DEFAULT, CommunityId.withSeed(0));
        assertEquals("community ID v1 (seed 1)", seeded.toString());
    }

    @Test
    void misuseIsRefusedWithTheValue() {
        var id = CommunityId.DEFAULT;
        assertEquals("community ID seed must be in 0..65535: 65536",
                assertThrows(IllegalArgumentException.class, () -> CommunityId.withSeed(65536)).getMessage());
        assertEquals("community ID addresses must be both 4 or both 16 bytes long: 4 and 16",
                assertThrows(IllegalArgumentException.class, () -> id.of(new byte[4], new byte[16], 6, 1, 2))
                        .getMessage());
        assertEquals("IP protocol must be in 0..255: 256",
                assertThrows(IllegalArgumentException.class, () -> id.of(new byte[4], new byte[4], 256, 1, 2))
                        .getMessage());
        assertEquals("ports must be in 0..65535: -1, 2",
                assertThrows(IllegalArgumentException.class, () -> id.of(new byte[4], new byte[4], 6, -1, 2))
                        .getMessage());
        assertEquals("not an IP address literal: 'example.com'",
                assertThrows(IllegalArgumentException.class, () -> id.of("example.com", "1.2.3.4", 6, 1, 2))
                        .getMessage());
    }
}
