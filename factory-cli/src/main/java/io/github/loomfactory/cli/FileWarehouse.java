package io.github.loomfactory.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Shipment;
import io.github.loomfactory.api.Warehouse;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A warehouse of files: one file per pclass in one directory, {@code <pclass>.jsonl} (one JSON
 * object per product) or {@code <pclass>.csv} (a header of the first product's fields, written
 * once per file, then one row per product, encoded by Jackson's CSV module with the same cell
 * texts as the JSON Lines output: times ISO-8601, nested values as JSON text).
 *
 * <p>A file is truncated when this warehouse first writes to it, then appended to; each shipment
 * is flushed before {@link #receive} returns. Pclass names are made safe by {@link FileNames}.
 * At most {@value #OPEN_FILES} files are open at once (the least recently used one is closed and
 * reopened for appending when needed). Thread-safe (every method is synchronized): the engine's
 * driver ships while the command reads {@link #files()} and {@link #products()};
 * {@link #close()} is idempotent and may be called by the command after the engine did.
 *
 * @param <P> the product type
 */
final class FileWarehouse<P extends Product> implements Warehouse<P> {
    private static final int OPEN_FILES = 64;
    private static final CsvMapper CSV = new CsvMapper();

    /** The file formats. */
    enum Format {
        JSONL(".jsonl"), CSV(".csv");

        final String extension;

        Format(String extension) {
            this.extension = extension;
        }
    }

    private final Path dir;
    private final Format format;
    private final FileNames names;
    private final ObjectWriter json = Json.MAPPER.writer();
    private final LinkedHashMap<Path, Writer> open = new LinkedHashMap<>(16, 0.75f, true);
    private final Set<Path> started = new HashSet<>();
    private final Map<Path, List<String>> headers = new HashMap<>();
    private long products;
    private boolean closed;

    FileWarehouse(Path dir, Format format) {
        this.dir = dir;
        this.format = format;
        this.names = new FileNames(dir, format.extension, Set.of(Rejects.FILE_NAME));
    }

    Path dir() {
        return dir;
    }

    /** The files written so far. */
    synchronized Set<Path> files() {
        return Set.copyOf(started);
    }

    synchronized long products() {
        return products;
    }

    @Override
    public synchronized void receive(Shipment<P> shipment) throws IOException {
        if (closed) {
            throw new IllegalStateException("warehouse " + dir + " is closed");
        }
        Path file = names.fileOf(shipment.pclass());
        Writer out = writer(file);
        // the whole shipment is encoded before a byte is written, so a product that cannot be
        // encoded fails the shipment without leaving half of it in the file for the retry to repeat
        String text = format == Format.JSONL ? jsonLines(shipment) : csvRows(file, shipment);
        out.write(text);
        out.flush();
        products += shipment.size();
    }

    private String jsonLines(Shipment<P> shipment) throws IOException {
        var lines = new StringBuilder();
        for (P product : shipment.products()) {
            lines.append(json.writeValueAsString(product)).append('\n');
        }
        return lines.toString();
    }

    private String csvRows(Path file, Shipment<P> shipment) throws IOException {
        List<String> header = headers.get(file);
        boolean fresh = header == null;
        List<String[]> rows = new ArrayList<>(shipment.size());
        for (P product : shipment.products()) {
            JsonNode node = tree(shipment.pclass(), product);
            List<String> fields = new ArrayList<>();
            node.fieldNames().forEachRemaining(fields::add);
            if (header == null) {
                if (fields.isEmpty()) {
                    throw new IOException("a product of pclass '" + shipment.pclass() + "' has no fields, so its CSV row would be "
                            + "an empty line: use --warehouse jsonl:DIR");
                }
                header = fields;
            } else if (!header.containsAll(fields)) {
                throw new IOException("a product of pclass '" + shipment.pclass() + "' has fields " + fields
                        + " but " + file.getFileName() + " has columns " + header + ": use --warehouse jsonl:DIR for products of varying shape");
            }
            String[] cells = new String[header.size()];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cell(node.get(header.get(i)));
            }
            rows.add(cells);
        }
        String text = csv(header, fresh, rows);
        headers.putIfAbsent(file, header);
        return text;
    }

    /** The product as Jackson encodes it for JSON Lines, so cells hold the same texts (times as ISO-8601). */
    private static JsonNode tree(String pclass, Object product) throws IOException {
        JsonNode node;
        try {
            node = Json.MAPPER.valueToTree(product);
        } catch (IllegalArgumentException e) {
            throw new IOException("a product of pclass '" + pclass + "' cannot be encoded: " + Json.oneLine(String.valueOf(e.getMessage())), e);
        }
        if (!node.isObject()) {
            throw new IOException("a product of pclass '" + pclass + "' is not an object: " + node);
        }
        return node;
    }

    /** A cell's text: a missing or null field is empty, a scalar its text, a nested value its JSON text. */
    private static String cell(JsonNode value) throws JsonProcessingException {
        if (value == null || value.isNull()) {
            return "";
        }
        return value.isValueNode() ? value.asText() : Json.MAPPER.writeValueAsString(value);
    }

    /**
     * The rows as CSV text, after a header line if {@code withHeader}: RFC 4180 with Jackson's
     * default quoting, which quotes every cell that has a comma, quote or line break (quotes
     * doubled), and more (any space or other character below {@code '-'}, a backslash, more than 24
     * characters) so that readers which trim spaces keep them. Lines end with LF. In a file of one
     * column an empty cell is written {@code ""}: an empty line would not read back as a row.
     */
    private static String csv(List<String> header, boolean withHeader, List<String[]> rows) throws IOException {
        CsvSchema schema = CsvSchema.builder()
                .addColumns(header, CsvSchema.ColumnType.STRING)
                .setUseHeader(withHeader)
                .build();
        ObjectWriter writer = CSV.writer(schema);
        if (header.size() == 1) {
            writer = writer.with(CsvGenerator.Feature.ALWAYS_QUOTE_EMPTY_STRINGS);
        }
        var text = new StringWriter();
        try (SequenceWriter out = writer.writeValues(text)) {
            out.writeAll(rows);
        }
        return text.toString();
    }

    private Writer writer(Path file) throws IOException {
        Writer out = open.get(file);
        if (out != null) {
            return out;
        }
        if (open.size() >= OPEN_FILES) {
            Iterator<Writer> eldest = open.values().iterator();
            Writer least = eldest.next();
            eldest.remove();
            least.close();
        }
        boolean fresh = !started.contains(file);
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, fresh ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
        started.add(file); // only once it is open: a retry after a failed open truncates again
        open.put(file, out);
        return out;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException first = null;
        for (Writer out : open.values()) {
            try {
                out.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
    }
}
