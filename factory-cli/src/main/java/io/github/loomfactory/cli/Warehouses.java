package io.github.loomfactory.cli;

import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Warehouse;
import io.github.loomfactory.jdbc.DuckDbSettings;
import io.github.loomfactory.jdbc.DuckDbWarehouse;
import io.github.loomfactory.jdbc.PostgresSettings;
import io.github.loomfactory.jdbc.PostgresWarehouse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one place the command turns {@code --warehouse} into a warehouse: {@code jsonl:DIR},
 * {@code csv:DIR}, {@code postgresql://USER@HOST:PORT/DB[?table=T&key=C1,C2&schema=S]} or
 * {@code duckdb:PATH[?table=T&key=C1,C2]}. A bad value is a one-line usage error naming it.
 *
 * <p>A PostgreSQL password is never part of the URI (it would show in the process list and the
 * shell's history): it comes from {@code PGPASSWORD}, or from {@code PGPASSFILE} or
 * {@code ~/.pgpass}. Other query parameters of a {@code postgresql://} URI are pgjdbc connection
 * properties, passed through (e.g. {@code sslmode=require}); those of a {@code duckdb:} one are
 * DuckDB configuration options (e.g. {@code memory_limit=2GB}). Rejects go to {@code rejects.jsonl}
 * in the directory of a file warehouse, beside a DuckDB file, and in {@code factory-out} for
 * PostgreSQL.
 */
final class Warehouses {
    private static final String USAGE = "--warehouse must be jsonl:DIR, csv:DIR, postgresql://USER@HOST:PORT/DB[?table=T&key=C1,C2&schema=S]"
            + " or duckdb:PATH[?table=T&key=C1,C2]";

    private Warehouses() {
    }

    /** A parsed warehouse option. */
    sealed interface Target permits Spec, Postgres, DuckDb {
    }

    /** A file warehouse: a format and a directory. */
    record Spec(FileWarehouse.Format format, Path dir) implements Target {
    }

    /** A PostgreSQL warehouse. */
    record Postgres(PostgresSettings settings) implements Target {
    }

    /** A DuckDB warehouse. */
    record DuckDb(DuckDbSettings settings) implements Target {
    }

    /**
     * Where one run writes: the warehouse (the run closes it), where rejects go, and words for
     * where the products go.
     */
    record Outlet<P extends Product>(Warehouse<P> warehouse, Path rejectsDir, String describe) {
    }

    static Target parse(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("postgresql:")) {
            return new Postgres(postgres(text));
        }
        if (lower.startsWith("duckdb:")) {
            return new DuckDb(duckDb(text));
        }
        int colon = text.indexOf(':');
        String kind = colon < 0 ? "" : lower.substring(0, colon);
        FileWarehouse.Format format = switch (kind) {
            case "jsonl" -> FileWarehouse.Format.JSONL;
            case "csv" -> FileWarehouse.Format.CSV;
            default -> throw new UsageException(USAGE + ", not '" + text + "'");
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
        return directory(spec.dir());
    }

    /** Opens what {@code target} names: prepares directories; databases connect on their first shipment. */
    static <P extends Product> Outlet<P> open(Target target) {
        return switch (target) {
            case Spec spec -> new Outlet<>(new FileWarehouse<P>(prepare(spec), spec.format()), spec.dir(), spec.dir().toString());
            case Postgres postgres -> {
                var warehouse = PostgresWarehouse.<P>of(postgres.settings());
                yield new Outlet<>(warehouse, directory(Path.of("factory-out")), warehouse.toString());
            }
            case DuckDb duckDb -> {
                var warehouse = DuckDbWarehouse.<P>of(duckDb.settings());
                yield new Outlet<>(warehouse, directory(duckDb.settings().path().toAbsolutePath().getParent()), warehouse.toString());
            }
        };
    }

    private static Path directory(Path dir) {
        try {
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UsageException("cannot create warehouse directory " + dir + ": " + e);
        }
    }

    private static PostgresSettings postgres(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new UsageException("--warehouse: bad URI '" + text + "': " + e.getReason());
        }
        if (uri.getRawUserInfo() != null && uri.getRawUserInfo().contains(":")) {
            throw new UsageException("--warehouse: put no password in the URI (it shows in the process list); set PGPASSWORD or use ~/.pgpass");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new UsageException("--warehouse: '" + text + "' names no host: postgresql://USER@HOST:PORT/DB");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.length() <= 1 || path.indexOf('/', 1) >= 0) {
            throw new UsageException("--warehouse: '" + text + "' names no database: postgresql://USER@HOST:PORT/DB");
        }
        var builder = PostgresSettings.builder().host(uri.getHost()).database(path.substring(1));
        if (uri.getPort() >= 0) {
            builder.port(uri.getPort());
        }
        if (uri.getUserInfo() != null && !uri.getUserInfo().isEmpty()) {
            builder.user(uri.getUserInfo());
        }
        var properties = new LinkedHashMap<String, String>();
        for (var parameter : parameters(uri.getRawQuery(), text).entrySet()) {
            String value = parameter.getValue();
            switch (parameter.getKey()) {
                case "table" -> builder.table(value);
                case "schema" -> builder.schema(value);
                case "key" -> builder.key(key(value));
                case "password" -> throw new UsageException(
                        "--warehouse: put no password in the URI (it shows in the process list); set PGPASSWORD or use ~/.pgpass");
                default -> {
                    if (!PostgresSettings.isDriverProperty(parameter.getKey())) {
                        throw new UsageException("--warehouse: unknown parameter '" + parameter.getKey()
                                + "' (table, key, schema, or a pgjdbc property such as sslmode)");
                    }
                    properties.put(parameter.getKey(), value);
                }
            }
        }
        try {
            return builder.properties(properties).build();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--warehouse: " + e.getMessage());
        }
    }

    private static DuckDbSettings duckDb(String text) {
        String rest = text.substring("duckdb:".length());
        int question = rest.indexOf('?');
        String file = question < 0 ? rest : rest.substring(0, question);
        if (file.isBlank()) {
            throw new UsageException("--warehouse needs a database file after 'duckdb:', e.g. duckdb:flows.duckdb");
        }
        Path path;
        try {
            path = Path.of(file);
        } catch (InvalidPathException e) {
            throw new UsageException("--warehouse: bad database file '" + file + "': " + e.getReason());
        }
        if (Files.isDirectory(path)) {
            throw new UsageException("--warehouse: " + file + " is a directory, not a DuckDB database file");
        }
        var builder = DuckDbSettings.builder(path);
        var properties = new LinkedHashMap<>(builder.build().properties());
        if (question >= 0) {
            for (var parameter : parameters(rest.substring(question + 1), text).entrySet()) {
                switch (parameter.getKey()) {
                    case "table" -> builder.table(parameter.getValue());
                    case "key" -> builder.key(key(parameter.getValue()));
                    default -> properties.put(parameter.getKey(), parameter.getValue());
                }
            }
        }
        builder.properties(properties);
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--warehouse: " + e.getMessage());
        }
    }

    /** The query's parameters, percent-decoded; each at most once. */
    private static Map<String, String> parameters(String query, String text) {
        var parameters = new LinkedHashMap<String, String>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&", -1)) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new UsageException("--warehouse: bad parameter '" + pair + "' in '" + text + "': write NAME=VALUE");
            }
            String name = decode(pair.substring(0, equals), text);
            if (parameters.put(name, decode(pair.substring(equals + 1), text)) != null) {
                throw new UsageException("--warehouse: parameter '" + name + "' given twice in '" + text + "'");
            }
        }
        return parameters;
    }

    private static String decode(String part, String text) {
        try {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--warehouse: bad percent-encoding in '" + text + "'");
        }
    }

    private static List<String> key(String value) {
        var columns = Arrays.stream(value.split(",", -1)).map(String::trim).toList();
        if (columns.stream().anyMatch(String::isEmpty)) {
            throw new UsageException("--warehouse: key=" + value + " names an empty column: key=C1,C2");
        }
        return columns;
    }
}
