package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.loomfactory.flows.Packet;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class CsvSourceProperties {
    private static final String HEADER = "timestamp,srcAddr,srcPort,dstAddr,dstPort,protocol,length,tcpFlags";

    /** One CSV record: its srcAddr (any text, even with commas, quotes and line breaks), whether its port decodes, how it is written. */
    record Entry(String address, boolean valid, boolean quoted, int emptyLinesBefore) {
        String text() {
            boolean quote = quoted || address.contains(",") || address.contains("\n");
            String cell = quote ? "\"" + address.replace("\"", "\"\"") + "\"" : address;
            return "2026-01-01T00:00:01Z," + cell + "," + (valid ? "40000" : "bad") + ",10.0.0.2,443,TCP,74,2";
        }
    }

    @Provide
    Arbitrary<Entry> entries() {
        Arbitrary<String> address = Arbitraries.strings().withChars("ab ,\"\n\té").ofMaxLength(8).map(text -> "h" + text);
        return Combinators.combine(address, Arbitraries.of(true, true, false), Arbitraries.of(true, false), Arbitraries.integers().between(0, 2))
                .as(Entry::new);
    }

    @Property(tries = 300)
    void everyRecordIsDecodedInOrderOrRejectedWithTheLineItStartsOnAndItsText(
            @ForAll @Size(max = 12) List<@From("entries") Entry> entries, @ForAll boolean finalLineBreak) throws IOException {
        var csv = new StringBuilder(HEADER);
        var expectedAddresses = new ArrayList<String>();
        var expectedRejects = new ArrayList<String>();
        for (Entry entry : entries) {
            csv.append("\n".repeat(entry.emptyLinesBefore() + 1));
            long line = csv.chars().filter(c -> c == '\n').count() + 1;
            csv.append(entry.text());
            if (entry.valid()) {
                expectedAddresses.add(entry.address());
            } else {
                expectedRejects.add(line + " " + entry.text());
            }
        }
        if (finalLineBreak) {
            csv.append('\n');
        }

        Path dir = Files.createTempDirectory("csv");
        try {
            var rejects = new Rejects(dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            var addresses = new ArrayList<String>();
            try (var source = new CsvSource<>(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "in.csv",
                    Packet.class, rejects)) {
                for (Packet packet; (packet = source.next()) != null; ) {
                    addresses.add(packet.srcAddr());
                }
            }
            rejects.close();
            var rejected = new ArrayList<String>();
            if (Files.exists(rejects.file())) {
                for (String json : Files.readAllLines(rejects.file())) {
                    JsonNode node = Json.MAPPER.readTree(json);
                    rejected.add(node.get("line").asLong() + " " + node.get("raw").asText());
                }
            }

            assertEquals(expectedAddresses, addresses, csv::toString);
            assertEquals(expectedRejects, rejected, csv::toString);
        } finally {
            Files.deleteIfExists(dir.resolve(Rejects.FILE_NAME));
            Files.delete(dir);
        }
    }
}
