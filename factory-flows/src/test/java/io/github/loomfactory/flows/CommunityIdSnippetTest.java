package io.github.loomfactory.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The snippet of {@link CommunityId}'s Javadoc ({@code {@snippet file=...}} takes it from here), compiled and run:
 * the ID it shows is the one computed (community-id-spec's TCP example).
 */
class CommunityIdSnippetTest {
    @Test
    void theSnippetsTcpFlowHasTheIdItShows() {
        // @start region="community-id"
        String id = CommunityId.DEFAULT.of(new byte[] {1, 2, 3, 4}, new byte[] {5, 6, 7, 8}, 6, 1122, 3344);
        // "1:wCb3OG7yAFWelaUydu0D+125CLM="
        // @end

        assertEquals("1:wCb3OG7yAFWelaUydu0D+125CLM=", id);
    }
}
