package io.github.loomfactory.cli;

import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Options;
import io.github.loomfactory.api.Product;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The blueprint's {@link Options} from the command line: {@code --options FILE} (a properties
 * file: {@code key=value} lines, {@code #} comments) and then each {@code --set key=value}, which
 * overrides the file; handed to {@link Blueprint#configure(Options)}.
 */
final class BlueprintOptions {
    private BlueprintOptions() {
    }

    /**
     * Reads the options.
     *
     * @throws UsageException naming the file or the {@code --set} argument that is wrong
     */
    static Options parse(Optional<Path> file, List<String> sets) {
        var values = new TreeMap<String, String>();
        file.ifPresent(path -> values.putAll(read(path)));
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0 || set.substring(0, eq).isBlank()) {
                throw new UsageException("--set wants KEY=VALUE, e.g. --set gap=10m, not '" + set + "'");
            }
            values.put(set.substring(0, eq).strip(), set.substring(eq + 1));
        }
        return Options.of(values);
    }

    /**
     * Configures {@code blueprint}.
     *
     * @throws UsageException with the blueprint's own message if it refuses an option
     */
    static <M extends Material, P extends Product> Blueprint<M, P> configure(Blueprint<M, P> blueprint, Options options) {
        Blueprint<M, P> configured;
        try {
            configured = blueprint.configure(options);
        } catch (IllegalArgumentException e) {
            throw new UsageException("blueprint '" + blueprint.name() + "': " + Json.oneLine(String.valueOf(e.getMessage())));
        }
        if (configured == null) {
            throw new UsageException("blueprint '" + blueprint.name() + "': configure(Options) returned null");
        }
        return configured;
    }

    private static TreeMap<String, String> read(Path path) {
        var properties = new Properties();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (NoSuchFileException e) {
            throw new UsageException("options file not found: " + path);
        } catch (IOException | IllegalArgumentException e) {
            throw new UsageException("cannot read options file " + path + ": " + e.getMessage());
        }
        var values = new TreeMap<String, String>();
        properties.stringPropertyNames().forEach(key -> values.put(key.strip(), properties.getProperty(key).strip()));
        return values;
    }
}
