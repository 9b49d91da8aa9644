package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.flows.Packet;
import io.github.loomfactory.flows.Protocol;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesTest {
    private static final Packet PACKET = new Packet(Instant.parse("2026-01-01T00:00:01Z"), "10.0.0.1", 40000, "10.0.0.2", 443,
            Protocol.TCP, 74, Packet.SYN);
    private static final String JSON = "{\"timestamp\":\"2026-01-01T00:00:01Z\",\"srcAddr\":\"10.0.0.1\",\"srcPort\":40000,"
            + "\"dstAddr\":\"10.0.0.2\",\"dstPort\":443,\"protocol\":\"TCP\",\"length\":74,\"tcpFlags\":2}";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream report = new ByteArrayOutputStream();

    private List<Packet> read(Source<Packet> source) throws IOException {
        var materials = new ArrayList<Packet>();
        for (Packet packet; (packet = source.next()) != null; ) {
            materials.add(packet);
        }
        source.close();
        return materials;
    }

    private Rejects rejects() throws IOException {
        return new Rejects(dir, new PrintStream(report, true, StandardCharsets.UTF_8));
    }

    private List<JsonNode> rejectLines(Rejects rejects) throws IOException {
        rejects.close();
        if (!Files.exists(rejects.file())) {
            return List.of();
        }
        var nodes = new ArrayList<JsonNode>();
        for (String line : Files.readAllLines(rejects.file())) {
            nodes.add(Json.MAPPER.readTree(line));
        }
        return nodes;
    }

    private static ByteArrayInputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void jsonLinesDecodeIntoTheMaterialTypeAndSkipBlankLines() throws IOException {
        var rejects = rejects();
        var source = new JsonLinesSource<>(bytes(JSON + "\n\n  \r\n" + JSON.replace("}", ",\"extra\":1}") + "\r\n"), "in.jsonl",
                Packet.class, rejects);

        assertEquals(List.of(PACKET, PACKET), read(source));
        assertEquals(List.of(), rejectLines(rejects));
    }

    @Test
    void badJsonLinesAreRejectedWithTheirNumberReasonAndTextAndReadingGoesOn() throws IOException {
        var rejects = rejects();
        String missing = JSON.replace(",\"length\":74", "");
        String invalid = JSON.replace("40000", "70000");
        String input = String.join("\n", JSON, "{not json", missing, invalid, "[1,2]", "null", JSON) + "\n";

        List<Packet> materials = read(new JsonLinesSource<>(bytes(input), "in.jsonl", Packet.class, rejects));
        List<JsonNode> lines = rejectLines(rejects);

        assertEquals(2, materials.size());
        assertEquals(List.of(2, 3, 4, 5, 6), lines.stream().map(node -> node.get("line").asInt()).toList());
        assertTrue(lines.stream().allMatch(node -> node.get("source").asText().equals("in.jsonl")));
        assertEquals("{not json", lines.get(0).get("raw").asText());
        assertTrue(lines.get(1).get("reason").asText().equals("Missing creator property 'length' (index 6) (column 138)"),
                lines.get(1).toString());
        assertEquals("srcPort must be in 0..65535: 70000", lines.get(2).get("reason").asText());
        assertEquals("null is not a material", lines.get(4).get("reason").asText());
        assertEquals(5, rejects.count());
        String reported = report.toString(StandardCharsets.UTF_8);
        assertTrue(reported.contains("factory: reject: in.jsonl line 2: "), reported);
    }

    @Test
    void aLineThatIsNotUtf8IsRejectedAlone() throws IOException {
        var rejects = rejects();
        var input = new ByteArrayOutputStream();
        input.writeBytes((JSON + "\n").getBytes(StandardCharsets.UTF_8));
        input.writeBytes(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}', '\n'});
        input.writeBytes((JSON + "\n").getBytes(StandardCharsets.UTF_8));

        var materials = read(new JsonLinesSource<>(new ByteArrayInputStream(input.toByteArray()), "in.jsonl", Packet.class, rejects));

        assertEquals(2, materials.size());
        var lines = rejectLines(rejects);
        assertEquals(1, lines.size());
        assertEquals(2, lines.getFirst().get("line").asInt());
        assertEquals("not valid UTF-8", lines.getFirst().get("reason").asText());
    }

    @Test
    void aLineLongerThanTheLimitIsRejectedAndTheNextOneRead() throws IOException {
        var lines = new Lines(bytes("x".repeat(100) + "\nshort\n"), 10);

        Lines.Line first = lines.next();
        assertEquals("line longer than 10 bytes", first.problem());
        assertEquals(new Lines.Line(2, "short", null), lines.next());
        assertNull(lines.next());
    }

    @Test
    void csvRecordsDecodeByTheirHeader() throws IOException {
        var rejects = rejects();
        String csv = "\uFEFFtimestamp,srcAddr,srcPort,dstAddr,dstPort,protocol,length,tcpFlags\r\n"
                + "2026-01-01T00:00:01Z,10.0.0.1,40000,10.0.0.2,443,TCP,74,2\r\n"
                + "\r\n"
                + "\"2026-01-01T00:00:01Z\",\"10.0.0.1\",\"40000\",10.0.0.2,443,tcp,74,2\n";

        assertEquals(List.of(PACKET, PACKET), read(new CsvSource<>(bytes(csv), "in.csv", Packet.class, rejects)));
        assertEquals(List.of(), rejectLines(rejects));
    }

    @Test
    void badCsvRecordsAreRejectedWithTheirFirstLineNumber() throws IOException {
        var rejects = rejects();
        String csv = "timestamp,srcAddr,srcPort,dstAddr,dstPort,protocol,length,tcpFlags\n"
                + "2026-01-01T00:00:01Z,10.0.0.1,40000,10.0.0.2,443,TCP,74\n"
                + "2026-01-01T00:00:01Z,10.0.0.1,forty,10.0.0.2,443,TCP,74,2\n"
                + "2026-01-01T00:00:01Z,10.0.0.1,,10.0.0.2,443,TCP,74,2\n"
                + "2026-01-01T00:00:01Z,\"10.0.0.1\"x,40000,10.0.0.2,443,TCP,74,2\n"
                + "2026-01-01T00:00:01Z,\"10.0.0.1\n\n\",40000,10.0.0.2,443,TCP,74,2\n"
                + "2026-01-01T00:00:01Z,10.0.0.1,40000,10.0.0.2,443,TCP,74,2\n"
                + "2026-01-01T00:00:01Z,\"never closed,40000\n";

        var materials = read(new CsvSource<>(bytes(csv), "in.csv", Packet.class, rejects));
        var lines = rejectLines(rejects);

        assertEquals(List.of(PACKET), materials.stream().filter(PACKET::equals).toList());
        assertEquals(2, materials.size(), "the address with line breaks is a valid (if odd) string: " + materials);
        assertEquals(List.of(2, 3, 4, 5, 10), lines.stream().map(node -> node.get("line").asInt()).toList());
        assertEquals("expected 8 cells as in the header, found 7", lines.get(0).get("reason").asText());
        assertTrue(lines.get(1).get("reason").asText().contains("forty"), lines.get(1).toString());
        assertEquals("Cannot coerce `null` to `int` value", lines.get(2).get("reason").asText());
        assertEquals("Unexpected character ('x' (code 120)): Expected column separator character (',' (code 44)) or end-of-line"
                + " (in the cell at column 22)", lines.get(3).get("reason").asText());
        assertEquals("2026-01-01T00:00:01Z,\"10.0.0.1\"x,40000,10.0.0.2,443,TCP,74,2", lines.get(3).get("raw").asText());
        assertEquals("Missing closing quote for value (in the cell at column 22)", lines.get(4).get("reason").asText());
        assertEquals("2026-01-01T00:00:01Z,\"never closed,40000", lines.get(4).get("raw").asText());
    }

    @Test
    void aBadCsvHeaderIsAUsageError() throws IOException {
        var rejects = rejects();
        var source = new CsvSource<>(bytes("a,b,a\n1,2,3\n"), "in.csv", Packet.class, rejects);

        assertEquals("in.csv line 1: bad CSV header: column 'a' appears twice",
                assertThrows(UsageException.class, source::next).getMessage());
        var empty = new CsvSource<>(bytes("\n\na, ,c\n1,2,3\n"), "in.csv", Packet.class, rejects);
        assertEquals("in.csv line 3: bad CSV header: an empty column name", assertThrows(UsageException.class, empty::next).getMessage());
        var unclosed = new CsvSource<>(bytes("a,\"b\n1,2\n"), "in.csv", Packet.class, rejects);
        assertTrue(assertThrows(UsageException.class, unclosed::next).getMessage().startsWith("in.csv line 1: bad CSV header: Missing closing quote"));
    }

    @Test
    void csvCellsSplitAsRfc4180Says() throws IOException {
        var rejects = rejects();
        String csv = HEADER + "\n"
                + row("\"b,c\"") + row("\"say \"\"hi\"\"\"") + row("\"x\ny\"") + row("\"x\r\n\r\ny\"") + row(" a b ")
                + row("\"\"\"\"");

        var addresses = read(new CsvSource<>(bytes(csv), "in.csv", Packet.class, rejects)).stream().map(Packet::srcAddr).toList();

        assertEquals(List.of("b,c", "say \"hi\"", "x\ny", "x\n\ny", " a b ", "\""), addresses);
        assertEquals(List.of(), rejectLines(rejects));
    }

    @Test
    void csvLinesThatAreNotUtf8AreRejectedAloneOrWithTheirRecord() throws IOException {
        var rejects = rejects();
        var input = new ByteArrayOutputStream();
        input.writeBytes((HEADER + "\n" + row("10.0.0.1")).getBytes(StandardCharsets.UTF_8));
        input.writeBytes(new byte[] {'a', (byte) 0xC3, (byte) 0x28, ',', '1', '\n'});
        input.writeBytes(("2026-01-01T00:00:01Z,\"10.0.0.1\n").getBytes(StandardCharsets.UTF_8));
        input.writeBytes(new byte[] {(byte) 0xFF, '\n'});
        input.writeBytes(("\",40000,10.0.0.2,443,TCP,74,2\n" + row("10.0.0.1")).getBytes(StandardCharsets.UTF_8));

        var materials = read(new CsvSource<>(new ByteArrayInputStream(input.toByteArray()), "in.csv", Packet.class, rejects));
        var lines = rejectLines(rejects);

        assertEquals(List.of(PACKET, PACKET), materials);
        assertEquals(List.of(3, 4), lines.stream().map(node -> node.get("line").asInt()).toList());
        assertEquals("not valid UTF-8", lines.get(0).get("reason").asText());
        assertEquals("a\uFFFD(,1", lines.get(0).get("raw").asText());
        assertEquals("line 5: not valid UTF-8", lines.get(1).get("reason").asText());
        assertEquals("2026-01-01T00:00:01Z,\"10.0.0.1\n\uFFFD\n\",40000,10.0.0.2,443,TCP,74,2", lines.get(1).get("raw").asText());
    }

    @Test
    void aCsvCellThatDoesNotParseIsNamedByItsLineAndColumn() throws IOException {
        var rejects = rejects();
        String csv = HEADER + "\n" + row("\"10.0.0.1\n\"").replace(",10.0.0.2,", ",\"10.0.0.2\"?,") + row("10.0.0.1");

        assertEquals(List.of(PACKET), read(new CsvSource<>(bytes(csv), "in.csv", Packet.class, rejects)));
        var lines = rejectLines(rejects);
        assertEquals(1, lines.size());
        assertEquals(2, lines.getFirst().get("line").asInt());
        assertEquals("Unexpected character ('?' (code 63)): Expected column separator character (',' (code 44)) or end-of-line"
                + " (in the cell at line 3, column 9)", lines.getFirst().get("reason").asText());
    }

    @Test
    void aCsvRecordWithMoreCellsThanTheHeaderIsRejected() throws IOException {
        var rejects = rejects();
        String csv = HEADER + "\n" + row("10.0.0.1").replace("\n", ",x,y\n") + row("10.0.0.1");

        assertEquals(List.of(PACKET), read(new CsvSource<>(bytes(csv), "in.csv", Packet.class, rejects)));
        var lines = rejectLines(rejects);
        assertEquals(1, lines.size());
        assertEquals("expected 8 cells as in the header, found 10", lines.getFirst().get("reason").asText());
        assertEquals(2, lines.getFirst().get("line").asInt());
    }

    @Test
    void csvIsReadAsItArrivesNotAfterTheWholeInput() throws IOException {
        byte[] header = (HEADER + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] record = row("10.0.0.1").getBytes(StandardCharsets.UTF_8);
        var endless = new InputStream() {
            private long position;

            @Override
            public int read() {
                long at = position++;
                return at < header.length ? header[(int) at] : record[(int) ((at - header.length) % record.length)];
            }
        };
        var source = new CsvSource<>(endless, "endless.csv", Packet.class, rejects());

        for (int i = 0; i < 10_000; i++) {
            assertEquals(PACKET, source.next());
        }
        source.close();
    }

    private static final String HEADER = "timestamp,srcAddr,srcPort,dstAddr,dstPort,protocol,length,tcpFlags";

    /** A record of PACKET with the given srcAddr cell. */
    private static String row(String srcAddrCell) {
        return "2026-01-01T00:00:01Z," + srcAddrCell + ",40000,10.0.0.2,443,TCP,74,2\n";
    }

    @Test
    void aMaterialWithoutPidIsRejected() {
        Material nameless = () -> null;
        assertTrue(Source.missingPid(nameless).startsWith("the material has no pid (pid() returned null)"));
        Material broken = () -> {
            throw new IllegalStateException("boom");
        };
        assertEquals("pid() failed: java.lang.IllegalStateException: boom", Source.missingPid(broken));
    }
}
