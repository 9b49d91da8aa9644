package io.github.loomfactory.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/** Parses {@code --warehouse jsonl:DIR|csv:DIR} and prepares the directory. */
final class Warehouses {
    private Warehouses() {
    }

    /** A parsed warehouse option. */
    record Spec(FileWarehouse.Format format, Path dir) {
    }

    static Spec parse(String text) {
        int colon = text.indexOf(':');
        String kind = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
        FileWarehouse.Format format = switch (kind) {
            case "jsonl" -> FileWarehouse.Format.JSONL;
            case "csv" -> FileWarehouse.Format.CSV;
            default -> throw new UsageException("--warehouse must be jsonl:DIR or csv:DIR, not '" + text + "'");
        };
        String dir = text.substring(colon + 1);
        if (dir.isBlank()) {
            throw new UsageException("--warehouse needs a directory after '" + kind + ":'");
        }
        try {
            return new Spec(format, Path.of(dir));
        } catch (InvalidPathException e) {
            throw new UsageException("--warehouse: bad directory '" + dir + "': " + e.getReason());
        }
    }

    /** Creates the directory if needed. */
    static Path prepare(Spec spec) {
        try {
            Files.createDirectories(spec.dir());
            return spec.dir();
        } catch (IOException e) {
            throw new UsageException("cannot create warehouse directory " + spec.dir() + ": " + e);
        }
    }
}
