package io.github.loomfactory.cli;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.loomfactory.api.Material;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Materials from CSV (RFC 4180): a header line naming the columns, then one record per line (a
 * quoted cell may span lines). Each record becomes an object of its header's names and cell
 * texts, decoded into the blueprint's material type by Jackson data binding: numbers, booleans,
 * enums and ISO-8601 times are read from their text, and an empty cell is null (or "" for a
 * String). A record that does not parse or decode is rejected with its line number and reason.
 *
 * @param <M> the material type
 */
final class CsvSource<M extends Material> implements Source<M> {
    private final Lines lines;
    private final String name;
    private final ObjectReader reader;
    private final Rejects rejects;
    private List<String> header;

    CsvSource(InputStream in, String name, Class<M> type, Rejects rejects) {
        this.lines = new Lines(in);
        this.name = name;
        this.reader = Json.MAPPER.readerFor(type);
        this.rejects = rejects;
    }

    @Override
    public M next() throws IOException {
        while (true) {
            Lines.Line line = lines.next();
            if (line == null) {
                return null;
            }
            if (!line.ok()) {
                rejects.input(name, "line", line.number(), line.problem(), line.text());
                continue;
            }
            if (line.text().isEmpty()) {
                continue;
            }
            long number = line.number();
            String raw = line.text();
            Parsed parsed = parse(raw);
            while (parsed.incomplete()) {
                Lines.Line more = lines.next();
                if (more == null || !more.ok()) {
                    parsed = Parsed.bad("a quoted cell is not closed");
                    if (more != null) {
                        raw = raw + "\n" + more.text();
                    }
                    break;
                }
                raw = raw + "\n" + more.text();
                parsed = parse(raw);
            }
            if (header == null) {
                header = header(parsed, number);
                continue;
            }
            if (parsed.problem() != null) {
                rejects.input(name, "line", number, parsed.problem(), raw);
                continue;
            }
            if (parsed.cells().size() != header.size()) {
                rejects.input(name, "line", number, "expected " + header.size() + " cells as in the header, found "
                        + parsed.cells().size(), raw);
                continue;
            }
            ObjectNode node = Json.MAPPER.createObjectNode();
            for (int i = 0; i < header.size(); i++) {
                node.put(header.get(i), parsed.cells().get(i));
            }
            M material;
            try {
                material = reader.readValue(node);
            } catch (IOException | RuntimeException e) {
                rejects.input(name, "line", number, Json.reason(e), raw);
                continue;
            }
            String problem = Source.missingPid(material);
            if (problem != null) {
                rejects.input(name, "line", number, problem, raw);
                continue;
            }
            return material;
        }
    }

    private List<String> header(Parsed parsed, long number) {
        if (parsed.problem() != null) {
            throw new UsageException(name + " line " + number + ": bad CSV header: " + parsed.problem());
        }
        var seen = new HashSet<String>();
        var names = new ArrayList<String>();
        for (String cell : parsed.cells()) {
            String column = cell.strip();
            if (column.isEmpty()) {
                throw new UsageException(name + " line " + number + ": bad CSV header: an empty column name");
            }
            if (!seen.add(column)) {
                throw new UsageException(name + " line " + number + ": bad CSV header: column '" + column + "' appears twice");
            }
            names.add(column);
        }
        return names;
    }

    /** The cells of one record, or that it needs more lines, or why it is malformed. */
    record Parsed(List<String> cells, boolean incomplete, String problem) {
        static Parsed bad(String problem) {
            return new Parsed(List.of(), false, problem);
        }
    }

    /** Splits one record into cells; {@code text} may hold several lines of a quoted cell. */
    static Parsed parse(String text) {
        var cells = new ArrayList<String>();
        var cell = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (true) {
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        return new Parsed(List.of(), true, null);
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        cell.append(c);
                    }
                }
                if (i < n && text.charAt(i) != ',') {
                    return Parsed.bad("unexpected '" + text.charAt(i) + "' after a closing quote (column " + (i + 1) + ")");
                }
            } else {
                while (i < n && text.charAt(i) != ',') {
                    cell.append(text.charAt(i++));
                }
            }
            cells.add(cell.toString());
            cell.setLength(0);
            if (i >= n) {
                return new Parsed(cells, false, null);
            }
            i++; // the comma
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
