package io.github.loomfactory.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.loomfactory.api.Material;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Materials from CSV (RFC 4180): a header line naming the columns, then one record per line (a
 * quoted cell may span lines). Jackson's CSV parser splits the records into cells; each record
 * becomes an object of its header's names and cell texts, decoded into the blueprint's material
 * type by Jackson data binding (see {@link Json}): numbers, booleans, enums and ISO-8601 times are
 * read from their text, and an empty cell is null (or "" for a String). Empty lines are skipped.
 * A record that does not parse or decode is rejected with the number of the line it starts on,
 * the reason and its text, and reading goes on with the next record.
 *
 * <p>The parser reads a {@link Feed}: the input's lines, read as strict UTF-8 by {@link Lines},
 * handed over at most one line per read. The parser reads only when it has used up what it has,
 * so the last line fed when it starts a record is the record's first, and the last line fed when
 * it returns the record's last cell is the record's last: that is how a record's line numbers and
 * text are known without counting characters. A line that {@link Lines} cannot read (not UTF-8,
 * too long) is fed as an empty line: on its own it is one reject, inside a quoted cell it rejects
 * its record.
 *
 * @param <M> the material type
 */
final class CsvSource<M extends Material> implements Source<M> {
    private static final CsvFactory CSV = new CsvFactory();

    private final Feed feed;
    private final String name;
    private final ObjectReader reader;
    private final Rejects rejects;
    private CsvParser parser;
    private List<String> header;

    CsvSource(InputStream in, String name, Class<M> type, Rejects rejects) {
        this.feed = new Feed(new Lines(in));
        this.name = name;
        this.reader = Json.MAPPER.readerFor(type);
        this.rejects = rejects;
    }

    /** One record: the lines it spans, its cells (at most one more than the header has), how many it has, and why it does not parse. */
    private record Row(long line, long last, List<String> cells, int count, String problem) {
    }

    @Override
    public M next() throws IOException {
        Row row;
        while ((row = row()) != null) {
            if (row.line() == row.last()) {
                Lines.Line line = feed.line(row.line());
                if (!line.ok()) {
                    rejects.input(name, "line", line.number(), line.problem(), line.text());
                    continue;
                }
                if (line.text().isEmpty()) {
                    continue;
                }
            }
            if (header == null) {
                header = header(row);
                continue;
            }
            if (row.problem() != null) {
                reject(row, row.problem());
                continue;
            }
            if (row.count() != header.size()) {
                reject(row, "expected " + header.size() + " cells as in the header, found " + row.count());
                continue;
            }
            ObjectNode node = Json.MAPPER.createObjectNode();
            for (int i = 0; i < header.size(); i++) {
                node.put(header.get(i), row.cells().get(i));
            }
            M material;
            try {
                material = reader.readValue(node);
            } catch (IOException | RuntimeException e) {
                reject(row, Json.reason(e));
                continue;
            }
            String problem = Source.missingPid(material);
            if (problem != null) {
                reject(row, problem);
                continue;
            }
            return material;
        }
        return null;
    }

    /** Reads the next record, or returns null at the end of the input. */
    private Row row() throws IOException {
        if (parser == null) {
            parser = CSV.createParser(feed);
            parser.setSchema(CsvSchema.emptySchema()); // no columns: each record is an array of its cells
        }
        if (parser.nextToken() == null) { // else START_ARRAY
            return null;
        }
        long line = feed.startRecord();
        long last = line;
        int row = parser.currentLocation().getLineNr(); // the parser's count, for its locations
        int limit = header == null ? Integer.MAX_VALUE : header.size() + 1;
        var cells = new ArrayList<String>();
        int count = 0;
        String problem = null;
        while (true) {
            try {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.END_ARRAY || token == null) {
                    break;
                }
                if (count++ < limit) {
                    cells.add(parser.getText());
                }
            } catch (JsonProcessingException e) {
                // the parser goes on after the bad character, to the end of the record
                if (problem == null) {
                    problem = reason(e, line, row);
                }
            }
            // not after END_ARRAY: by then the parser has looked for the next record, maybe on the next line
            last = feed.lineNumber();
        }
        Lines.Line unreadable = feed.unreadable(line, last);
        if (unreadable != null && line != last) {
            problem = "line " + unreadable.number() + ": " + unreadable.problem();
        }
        return new Row(line, last, cells, count, problem);
    }

    /** The parser's reason, and where the cell it could not read starts (its locations after the fact are less telling). */
    private String reason(JsonProcessingException e, long line, int row) {
        JsonLocation cell = parser.currentTokenLocation();
        String where = cell.getLineNr() > row ? "line " + (line + cell.getLineNr() - row) + ", column " : "column ";
        return Json.oneLine(e.getOriginalMessage()) + " (in the cell at " + where + cell.getColumnNr() + ")";
    }

    private void reject(Row row, String reason) {
        rejects.input(name, "line", row.line(), reason, feed.text(row.line(), row.last()));
    }

    private List<String> header(Row row) {
        if (row.problem() != null) {
            throw new UsageException(name + " line " + row.line() + ": bad CSV header: " + row.problem());
        }
        var seen = new HashSet<String>();
        var names = new ArrayList<String>();
        for (String cell : row.cells()) {
            String column = cell.strip();
            if (column.isEmpty()) {
                throw new UsageException(name + " line " + row.line() + ": bad CSV header: an empty column name");
            }
            if (!seen.add(column)) {
                throw new UsageException(name + " line " + row.line() + ": bad CSV header: column '" + column + "' appears twice");
            }
            names.add(column);
        }
        return names;
    }

    @Override
    public void close() throws IOException {
        try (feed) {
            if (parser != null) {
                parser.close();
            }
        }
    }

    /**
     * The parser's input: the lines of {@link Lines}, each ending in {@code \n}, at most one line
     * per read; an unreadable line is fed as an empty one. Keeps the lines of the current record
     * (up to {@link Lines#MAX_LINE_BYTES} characters of them) and the first unreadable one, for rejects.
     */
    private static final class Feed extends Reader {
        private final Lines lines;
        private final ArrayDeque<Lines.Line> kept = new ArrayDeque<>();
        private long keptChars;
        private boolean cut;
        private Lines.Line unreadable;
        private Lines.Line current;
        private int position; // in current's text; its length is the \n, past it the line is used up

        Feed(Lines lines) {
            this.lines = lines;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (current == null || position > text(current).length()) {
                Lines.Line line = lines.next();
                if (line == null) {
                    return -1;
                }
                current = line;
                position = 0;
                keep(line);
            }
            String text = text(current);
            int n = Math.min(length, text.length() - position);
            text.getChars(position, position + n, buffer, offset);
            position += n;
            if (position == text.length() && n < length) {
                buffer[offset + n++] = '\n';
                position++;
            }
            return n;
        }

        private static String text(Lines.Line line) {
            return line.ok() ? line.text() : "";
        }

        private void keep(Lines.Line line) {
            if (unreadable == null && !line.ok()) {
                unreadable = line;
            }
            if (cut || keptChars + line.text().length() > Lines.MAX_LINE_BYTES) {
                cut = true;
                return;
            }
            kept.add(line);
            keptChars += line.text().length();
        }

        /** The number of the last line fed, 0 before the first. */
        long lineNumber() {
            return current == null ? 0 : current.number();
        }

        /** Notes that the parser starts a record, on the last line fed, and returns that line's number. */
        long startRecord() {
            kept.clear();
            kept.add(current);
            keptChars = current.text().length();
            cut = false;
            unreadable = current.ok() ? null : current;
            return current.number();
        }

        /** Line {@code number} of the current record. */
        Lines.Line line(long number) {
            for (Lines.Line line : kept) {
                if (line.number() == number) {
                    return line;
                }
            }
            throw new IllegalStateException("line " + number + " is not kept");
        }

        /** The first unreadable line from {@code first} to {@code last} of the current record, or null. */
        Lines.Line unreadable(long first, long last) {
            return unreadable != null && unreadable.number() >= first && unreadable.number() <= last ? unreadable : null;
        }

        /** The text of lines {@code first} to {@code last} of the current record, cut after {@link Lines#MAX_LINE_BYTES} characters. */
        String text(long first, long last) {
            var text = new StringBuilder();
            long end = first - 1;
            for (Lines.Line line : kept) {
                if (line.number() >= first && line.number() <= last) {
                    if (line.number() > first) {
                        text.append('\n');
                    }
                    text.append(line.text());
                    end = line.number();
                }
            }
            return end < last ? text + "..." : text.toString();
        }

        @Override
        public void close() throws IOException {
            lines.close();
        }
    }
}
