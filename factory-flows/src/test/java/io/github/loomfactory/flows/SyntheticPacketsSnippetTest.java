package io.github.loomfactory.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The snippet of {@link SyntheticPackets}' Javadoc ({@code {@snippet file=...}} takes it from here), compiled and
 * run: the stream holds its limit of packets, frames of 60 to 1514 bytes, and starts again alike on each iteration.
 */
@Timeout(60)
class SyntheticPacketsSnippetTest {
    @Test
    void theSnippetsStreamHoldsItsLimitOfPlausibleFramesAndRepeatsItself() {
        // @start region="synthetic"
        var packets = SyntheticPackets.builder().seed(7).conversations(1000).limit(100_000).build();
        long bytes = 0;
        for (Packet packet : packets) {
            bytes += packet.length();
        }
        // @end

        List<Packet> first = new ArrayList<>();
        packets.forEach(first::add);
        List<Packet> again = new ArrayList<>();
        packets.forEach(again::add);
        assertEquals(100_000, first.size());
        assertEquals(first, again, "every iterator starts the same sequence");
        assertEquals(first.stream().mapToLong(Packet::length).sum(), bytes);
        assertTrue(first.stream().allMatch(p -> p.length() >= 60 && p.length() <= 1514), "frame lengths 60 to 1514");
    }
}
