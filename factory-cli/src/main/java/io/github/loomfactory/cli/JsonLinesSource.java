package io.github.loomfactory.cli;

import com.fasterxml.jackson.databind.ObjectReader;
import io.github.loomfactory.api.Material;
import java.io.IOException;
import java.io.InputStream;

/**
 * Materials from JSON Lines: one JSON object per line, decoded into the blueprint's material type
 * by Jackson data binding (see {@link Json}). Blank lines are skipped; a line that does not decode
 * is rejected with its number and reason, and reading goes on.
 *
 * @param <M> the material type
 */
final class JsonLinesSource<M extends Material> implements Source<M> {
    private final Lines lines;
    private final String name;
    private final ObjectReader reader;
    private final Rejects rejects;

    JsonLinesSource(InputStream in, String name, Class<M> type, Rejects rejects) {
        this.lines = new Lines(in);
        this.name = name;
        this.reader = Json.MAPPER.readerFor(type);
        this.rejects = rejects;
    }

    @Override
    public M next() throws IOException {
        Lines.Line line;
        while ((line = lines.next()) != null) {
            if (!line.ok()) {
                rejects.input(name, "line", line.number(), line.problem(), line.text());
                continue;
            }
            if (line.text().isBlank()) {
                continue;
            }
            M material;
            try {
                material = reader.readValue(line.text());
            } catch (IOException | RuntimeException e) {
                rejects.input(name, "line", line.number(), Json.reason(e), line.text());
                continue;
            }
            String problem = material == null ? "null is not a material" : Source.missingPid(material);
            if (problem != null) {
                rejects.input(name, "line", line.number(), problem, line.text());
                continue;
            }
            return material;
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
