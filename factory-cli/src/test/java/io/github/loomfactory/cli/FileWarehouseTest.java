package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Shipment;
import io.github.loomfactory.flows.FlowRecord;
import java.io.IOException;
import java.io.Serial;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWarehouseTest {
    @TempDir
    Path dir;

    /** A product of any shape: its fields in insertion order (Jackson encodes a map as an object). */
    static final class Row extends LinkedHashMap<String, Object> implements Product {
        @Serial
        private static final long serialVersionUID = 1L;
        private final String pclass;

        Row(String pclass, Object... namesAndValues) {
            this.pclass = pclass;
            for (int i = 0; i < namesAndValues.length; i += 2) {
                put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }

        @Override
        public String pclass() {
            return pclass;
        }
    }

    /** A product that Jackson encodes as a string, not an object. */
    enum Plain implements Product {
        ONE;

        @Override
        public String pclass() {
            return "plain";
        }
    }

    private static Shipment<Row> shipment(Row... products) {
        return new Shipment<>(products[0].pclass(), List.of(products));
    }

    private String csv(String pclass) throws IOException {
        return Files.readString(dir.resolve(pclass + ".csv"));
    }

    /** The file's rows (the header first) as Jackson's CSV reader reads them, skipping empty lines as many readers do. */
    static List<String[]> readBack(Path file) throws IOException {
        try (MappingIterator<String[]> rows = new CsvMapper().readerFor(String[].class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY).with(CsvParser.Feature.SKIP_EMPTY_LINES).readValues(file.toFile())) {
            return rows.readAll();
        }
    }

    @Test
    void aRetryAfterAFailedOpenTruncatesTheStaleFileOfAnEarlierRun() throws Exception {
        Path file = dir.resolve("t.jsonl");
        Files.createDirectory(file); // the first open fails
        try (var warehouse = new FileWarehouse<Row>(dir, FileWarehouse.Format.JSONL)) {
            assertThrows(IOException.class, () -> warehouse.receive(shipment(new Row("t", "n", 1))));
            Files.delete(file);
            Files.writeString(file, "{\"n\":\"stale, from an earlier run\"}\n");
            warehouse.receive(shipment(new Row("t", "n", 1)));
        }
        assertEquals("{\"n\":1}\n", Files.readString(file));
    }

    @Test
    void cellsWithCommasQuotesOrLineBreaksAreQuotedWithQuotesDoubled() throws Exception {
        try (var warehouse = new FileWarehouse<Row>(dir, FileWarehouse.Format.CSV)) {
            warehouse.receive(shipment(new Row("t", "plain", "10.0.0.1", "comma", "a,b", "quote", "say \"hi\"",
                    "lf", "1\n2", "crlf", "1\r\n2", "empty", "")));
        }
        assertEquals("plain,comma,quote,lf,crlf,empty\n"
                + "10.0.0.1,\"a,b\",\"say \"\"hi\"\"\",\"1\n2\",\"1\r\n2\",\n", csv("t"));
        List<String[]> rows = readBack(dir.resolve("t.csv"));
        assertEquals(List.of("10.0.0.1", "a,b", "say \"hi\"", "1\n2", "1\r\n2", ""), List.of(rows.get(1)));
    }

    @Test
    void cellsWithABackslashOrMoreThan24CharactersAreQuotedToo() throws Exception {
        try (var warehouse = new FileWarehouse<Row>(dir, FileWarehouse.Format.CSV)) {
            warehouse.receive(shipment(new Row("t", "slash", "a\\b", "long", "x".repeat(25), "short", "x".repeat(24))));
        }
        assertEquals("slash,long,short\n\"a\\b\",\"" + "x".repeat(25) + "\"," + "x".repeat(24) + "\n", csv("t"));
    }

    @Test
    void cellsWithSpacesAreQuotedSoReadersThatTrimKeepThem() throws Exception {
        try (var warehouse = new FileWarehouse<Row>(dir, FileWarehouse.Format.CSV)) {
            warehouse.receive(shipment(new Row("t", "lead", " x", "trail", "x ", "inner", "a b", "blank", " ")));
        }
        assertEquals("lead,trail,inner,blank\n\" x\",\"x \",\"a b\",\" \"\n", csv("t"));
        try (MappingIterator<String[]> rows = new CsvMapper().readerFor(String[].class).with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvParser.Feature.TRIM_SPACES).readValues(dir.resolve("t.csv").toFile())) {
            assertEquals(List.of(" x", "x ", "a b", " "), List.of(rows.readAll().get(1)));
        }
    }

    @Test
    void columnNamesAreQuotedLikeCells() throws Exception {
        try (var warehouse = new FileWarehouse<Row>(dir, FileWarehouse.Format.CSV)) {
            warehouse.receive(shipment(new Row("t", "a,b", 1, "say \"x\"", 2)));
        }
        assertEquals("\"a,b\",\"say \"\"x\"\"\"\n1,2\n", csv("t"));
    }

    @Test
    void theHeaderIsWrittenOncePerFileOverManyShipments() throws Exception {
        try (var warehouse = new FileWarehouse<Row>(dir, FileWarehouse.Format.CSV)) {
            warehouse.receive(shipment(new Row("t", "a", 1, "b", "x"), new Row("t", "a", 2, "b", "y")));
            warehouse.receive(shipment(new Row("t", "a", 3, "b", "z")));
            warehouse.receive(shipment(new Row("u", "c", true)));
        }
        assertEquals("a,b\n1,x\n2,y\n3,z\n", csv("t"));
        assertEquals("c\ntrue\n", csv("u"));
    }

    @Test
    void theHeaderIsWrittenOnceWhenAClosedFileIsOpenedAgainForAppending() throws Exception {
        // more pclasses than the warehouse keeps open, so "p0" is closed and then reopened
        try (var warehouse = new FileWarehouse<Row>(dir, FileWarehouse.Format.CSV)) {
            for (int i = 0; i < 70; i++) {
                warehouse.receive(shipment(new Row("p" + i, "n", i)));
            }
            warehouse.receive(shipment(new Row("p0", "n", "again")));
            assertEquals(71, warehouse.products());
        }
        assertEquals("n\n0\nagain\n", csv("p0"));
        assertEquals("n\n69\n", csv("p69"));
    }

    @Test
    void aFileLeftByAnEarlierRunIsTruncatedAndGetsItsHeader() throws Exception {
        Files.writeString(dir.resolve("t.csv"), "old,header\n1,2\n");
        try (var warehouse = new FileWarehouse<Row>(dir, FileWarehouse.Format.CSV)) {
            warehouse.receive(shipment(new Row("t", "a", 1)));
        }
        assertEquals("a\n1\n", csv("t"));
    }

    @Test
    void cellsHoldTheTextsOfTheJsonLinesOutput() throws Exception {
        var first = Instant.parse("2026-01-01T00:00:01.123456789Z");
        var flow = new FlowRecord("10.0.0.1", 40000, "10.0.0.2", 443, "tcp", 6, "1:wCb3OG7yAFWelaUydu0D+125CLM=", first,
                first.plusMillis(5), 0.005, 3, 180, 2, 120, 20, 0, 60, 60.0, 60, 0.0, 60, 60.0, 60, 0.0, 0.001, 0.0025,
                0.004, 0.0021213203435596424, 0.0001, 0.0001, 0.0001, 0.0, 1, 0, 0, 1, 4, 0, 0, 0, 0x12, "idle");
        Files.createDirectories(dir.resolve("csv"));
        Files.createDirectories(dir.resolve("jsonl"));
        try (var csv = new FileWarehouse<FlowRecord>(dir.resolve("csv"), FileWarehouse.Format.CSV);
                var jsonl = new FileWarehouse<FlowRecord>(dir.resolve("jsonl"), FileWarehouse.Format.JSONL)) {
            csv.receive(new Shipment<>("tcp", List.of(flow)));
            jsonl.receive(new Shipment<>("tcp", List.of(flow)));
        }
        JsonNode json = Json.MAPPER.readTree(Files.readString(dir.resolve("jsonl").resolve("tcp.jsonl")));
        List<String[]> rows = readBack(dir.resolve("csv").resolve("tcp.csv"));
        var names = new ArrayList<String>();
        json.fieldNames().forEachRemaining(names::add);
        assertEquals(names, List.of(rows.get(0)), "the header names the fields in component order");
        for (int i = 0; i < names.size(); i++) {
            assertEquals(json.get(names.get(i)).asText(), rows.get(1)[i], names.get(i));
        }
        assertEquals("2026-01-01T00:00:01.123456789Z", rows.get(1)[names.indexOf("first_seen")], "times are ISO-8601 text");
    }

    @Test
    void nestedValuesAreJsonTextAndNullOrMissingFieldsAreEmpty() throws Exception {
        try (var warehouse = new FileWarehouse<Row>(dir, FileWarehouse.Format.CSV)) {
            warehouse.receive(shipment(new Row("t", "list", List.of(1, "a,b"), "map", Map.of("k", 1.5), "none", "x"),
                    new Row("t", "list", null, "none", null), new Row("t", "none", "only")));
        }
        assertEquals("list,map,none\n"
                + "\"[1,\"\"a,b\"\"]\",\"{\"\"k\"\":1.5}\",x\n"
                + ",,\n"
                + ",,only\n", csv("t"));
    }

    @Test
    void anEmptyCellInAOneColumnFileIsQuotedSoItsRowIsNotAnEmptyLine() throws Exception {
        try (var warehouse = new FileWarehouse<Row>(dir, FileWarehouse.Format.CSV)) {
            warehouse.receive(shipment(new Row("t", "a", ""), new Row("t", "a", null), new Row("t", "a", "x")));
        }
        assertEquals("a\n\"\"\n\"\"\nx\n", csv("t"));
        assertEquals(4, readBack(dir.resolve("t.csv")).size());
    }

    @Test
    void aProductWithAFieldTheFileHasNoColumnForFailsTheWholeShipment() throws Exception {
        try (var warehouse = new FileWarehouse<Row>(dir, FileWarehouse.Format.CSV)) {
            warehouse.receive(shipment(new Row("t", "a", 1)));
            var e = assertThrows(IOException.class,
                    () -> warehouse.receive(shipment(new Row("t", "a", 2), new Row("t", "a", 3, "b", 4))));
            assertEquals("a product of pclass 't' has fields [a, b] but t.csv has columns [a]: "
                    + "use --warehouse jsonl:DIR for products of varying shape", e.getMessage());
            assertEquals(1, warehouse.products());
        }
        assertEquals("a\n1\n", csv("t"), "nothing of the failed shipment is written");
    }

    @Test
    void aProductThatCannotBeEncodedFailsTheWholeShipmentAndARetryWritesTheHeaderOnce() throws Exception {
        try (var warehouse = new FileWarehouse<Row>(dir, FileWarehouse.Format.CSV)) {
            var e = assertThrows(IOException.class,
                    () -> warehouse.receive(shipment(new Row("t", "a", 1), new Row("t", "a", Optional.of("x")))));
            assertTrue(e.getMessage().startsWith("a product of pclass 't' cannot be encoded: Java 8 optional type `java.util.Optional` not supported")
                    && e.getMessage().endsWith("(through reference chain: io.github.loomfactory.cli.FileWarehouseTest$Row[\"a\"])"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertEquals("", csv("t"), "nothing of the failed shipment is written");
            warehouse.receive(shipment(new Row("t", "a", 1), new Row("t", "a", 2)));
        }
        assertEquals("a\n1\n2\n", csv("t"));
    }

    @Test
    void aFirstProductWithoutFieldsIsRefusedForItsRowWouldBeAnEmptyLine() throws Exception {
        try (var warehouse = new FileWarehouse<Row>(dir, FileWarehouse.Format.CSV)) {
            var e = assertThrows(IOException.class, () -> warehouse.receive(shipment(new Row("t"))));
            assertEquals("a product of pclass 't' has no fields, so its CSV row would be an empty line: use --warehouse jsonl:DIR",
                    e.getMessage());
            warehouse.receive(shipment(new Row("t", "a", 1), new Row("t")));
        }
        assertEquals("a\n1\n\"\"\n", csv("t"), "after the first, a product without fields has empty cells");
    }

    @Test
    void aProductThatIsNotAnObjectIsRefused() throws Exception {
        try (var warehouse = new FileWarehouse<Plain>(dir, FileWarehouse.Format.CSV)) {
            var e = assertThrows(IOException.class, () -> warehouse.receive(new Shipment<>("plain", List.of(Plain.ONE))));
            assertEquals("a product of pclass 'plain' is not an object: \"ONE\"", e.getMessage());
        }
    }
}
