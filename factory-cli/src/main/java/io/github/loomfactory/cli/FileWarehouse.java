package io.github.loomfactory.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Shipment;
import io.github.loomfactory.api.Warehouse;
import java.io.IOException;
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
 * object per product) or {@code <pclass>.csv} (a header, then one row per product).
 *
 * <p>A file is truncated when this warehouse first writes to it, then appended to; each shipment
 * is flushed before {@link #receive} returns. Pclass names are made safe by {@link FileNames}.
 * At most {@value #OPEN_FILES} files are open at once (the least recently used one is closed and
 * reopened for appending when needed). Called by the engine's driver only, so not thread-safe;
 * {@link #close()} is idempotent and may be called by the command after the engine did.
 *
 * @param <P> the product type
 */
final class FileWarehouse<P extends Product> implements Warehouse<P> {
    private static final int OPEN_FILES = 64;

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
        var rows = new StringBuilder();
        for (P product : shipment.products()) {
            JsonNode node = Json.MAPPER.valueToTree(product);
            if (!node.isObject()) {
                throw new IOException("a product of pclass '" + shipment.pclass() + "' is not an object: " + node);
            }
            List<String> fields = new ArrayList<>();
            node.fieldNames().forEachRemaining(fields::add);
            if (header == null) {
                header = fields;
                row(rows, header);
            } else if (!header.containsAll(fields)) {
                throw new IOException("a product of pclass '" + shipment.pclass() + "' has fields " + fields
                        + " but " + file.getFileName() + " has columns " + header + ": use --warehouse jsonl:DIR for products of varying shape");
            }
            List<String> cells = new ArrayList<>(header.size());
            for (String column : header) {
                JsonNode value = node.get(column);
                cells.add(value == null || value.isNull() ? "" : value.isValueNode() ? value.asText() : jsonText(value));
            }
            row(rows, cells);
        }
        headers.putIfAbsent(file, header);
        return rows.toString();
    }

    private static String jsonText(JsonNode value) throws JsonProcessingException {
        return Json.MAPPER.writeValueAsString(value);
    }

    private static void row(StringBuilder rows, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                rows.append(',');
            }
            rows.append(quote(cells.get(i)));
        }
        rows.append('\n');
    }

    /** RFC 4180 quoting: a cell with a comma, quote, line break or edge space is quoted, quotes doubled. */
    static String quote(String cell) {
        boolean needs = !cell.isEmpty() && (cell.charAt(0) == ' ' || cell.charAt(cell.length() - 1) == ' ');
        for (int i = 0; i < cell.length() && !needs; i++) {
            char c = cell.charAt(i);
            needs = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return needs ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
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
        boolean fresh = started.add(file);
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, fresh ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
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
