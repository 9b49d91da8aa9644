package io.github.loomfactory.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.loomfactory.core.Factory;
import io.github.loomfactory.jdbc.Totals.Reading;
import io.github.loomfactory.jdbc.Totals.Total;
import io.github.loomfactory.jdbc.testing.PostgresServer;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The snippet of {@link PostgresWarehouse}'s Javadoc ({@code {@snippet file=...}} takes it from here), compiled and
 * run against a throwaway server: the snippet shows a server of its own where this test uses {@link PostgresServer}'s.
 */
@Timeout(180)
class PostgresSnippetTest {
    @RegisterExtension
    static final PostgresServer SERVER = new PostgresServer();

    @Test
    void theSnippetsFactoryLeavesOneRowPerSensorAndTheKeyKeepsRepeatsOut() throws Exception {
        List<Reading> readings = Totals.READINGS;
        for (int run = 0; run < 2; run++) { // the second run repeats every total: the key keeps one row each
            // @start region="postgres"
            var settings = SERVER.settings() // @replace substring="SERVER.settings()" replacement='PostgresSettings.builder().host("db.example").database("shop").user("factory")'
                    .key(List.of("sensor")) // a total shipped again (a retry, a replay) is not a second row
                    .build();
            try (var factory = Factory.builder(new Totals(), PostgresWarehouse.<Total>of(settings)).start()) {
                factory.purchaseAll(readings);
            } // every total is committed when close() returns
            // @end
        }

        try (Connection connection = SERVER.connect()) {
            assertEquals(Totals.ROWS, Totals.rows(connection));
        }
    }
}
