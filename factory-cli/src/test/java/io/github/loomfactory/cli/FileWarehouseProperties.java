package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.loomfactory.api.Shipment;
import io.github.loomfactory.cli.FileWarehouseTest.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class FileWarehouseProperties {
    /** The columns of each pclass: "one" has a single column, so its empty cells are the tricky case. */
    private static final Map<String, List<String>> COLUMNS = Map.of(
            "one", List.of("v"),
            "three", List.of("text", "a,b", "say \"x\""));

    /** One shipment: its pclass and its products' cells (the first cell only for "one"). */
    record Spec(String pclass, List<List<Object>> rows) {
    }

    @Provide
    Arbitrary<Spec> shipments() {
        Arbitrary<Object> text = Arbitraries.strings().withChars("ab ,\"\n\r\té").ofMaxLength(8).map(s -> s);
        Arbitrary<Object> cell = Arbitraries.oneOf(text, text, Arbitraries.just(null),
                Arbitraries.longs().map(n -> n),
                Arbitraries.longs().between(0, 4_102_444_800_000_000_000L).map(n -> Instant.EPOCH.plusNanos(n)));
        Arbitrary<List<List<Object>>> rows = cell.list().ofSize(3).list().ofMinSize(1).ofMaxSize(5);
        return Combinators.combine(Arbitraries.of(COLUMNS.keySet()), rows).as(Spec::new);
    }

    /** The text a cell reads back as: Jackson's text of the value (times ISO-8601), empty for null. */
    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /**
     * Whatever the cells hold (commas, quotes, line breaks, edge spaces, empty, null, numbers,
     * times), Jackson's CSV reader, skipping empty and blank lines, reads back the header once per
     * file and every product's cell texts in order; null reads back as an empty cell.
     */
    @Property(tries = 200)
    void whatIsWrittenReadsBackWithJacksonsCsvReaderToTheSameTexts(@ForAll @Size(max = 6) List<@From("shipments") Spec> specs)
            throws Exception {
        Path dir = Files.createTempDirectory("warehouse");
        try {
            var expected = new LinkedHashMap<String, List<List<String>>>();
            try (var warehouse = new FileWarehouse<Row>(dir, FileWarehouse.Format.CSV)) {
                for (Spec spec : specs) {
                    List<String> columns = COLUMNS.get(spec.pclass());
                    var products = new ArrayList<Row>();
                    for (List<Object> cells : spec.rows()) {
                        var row = new Row(spec.pclass());
                        var texts = new ArrayList<String>();
                        for (int i = 0; i < columns.size(); i++) {
                            row.put(columns.get(i), cells.get(i));
                            texts.add(text(cells.get(i)));
                        }
                        products.add(row);
                        expected.computeIfAbsent(spec.pclass(), p -> new ArrayList<>(List.of(columns))).add(texts);
                    }
                    warehouse.receive(new Shipment<>(spec.pclass(), products));
                }
            }
            for (String pclass : COLUMNS.keySet()) {
                Path file = dir.resolve(pclass + ".csv");
                if (!expected.containsKey(pclass)) {
                    assertFalse(Files.exists(file), pclass);
                    continue;
                }
                List<List<String>> actual = FileWarehouseTest.readBack(file).stream().map(Arrays::asList).toList();
                assertEquals(expected.get(pclass), actual, pclass);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
