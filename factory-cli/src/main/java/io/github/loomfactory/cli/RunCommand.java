package io.github.loomfactory.cli;

import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.cli.web.WebOptions;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Warehouse;
import io.github.loomfactory.core.FactorySettings;
import io.github.loomfactory.flows.capture.Captures;
import io.github.loomfactory.kafka.KafkaSourceSettings;
import io.github.loomfactory.kafka.KafkaWarehouse;
import io.github.loomfactory.kafka.KafkaWarehouseSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/**
 * {@code factory run}: runs a blueprint over an input file (JSON Lines, CSV or pcap) and ships
 * its products to one file per pclass.
 */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        defaultValueProvider = EngineOptions.Defaults.class,
        header = "Run a blueprint over an input and ship its products to one file per pclass.",
        description = {"Run a blueprint over an input: each record is decoded into the blueprint's material type,",
            "purchased, and the products are shipped to DIR/<pclass>.jsonl or DIR/<pclass>.csv.",
            "Records that do not decode, and materials the blueprint rejects, go to DIR/rejects.jsonl.",
            "A capture (pcap, pcapng, gzipped; told by its first bytes) runs on event time with an inspection",
            "every second, unless --no-event-time or --inspection say otherwise; a live capture (--interface)",
            "runs on the wall clock, so that flows end even when the link falls quiet.", ""},
        footer = {"", "Example:", "  factory run --plugins plugins --blueprint sessions --input clicks.jsonl --warehouse csv:out"})
final class RunCommand implements Callable<Integer> {
    private final Io io;

    @Option(names = "--blueprint", required = true, paramLabel = "NAME", description = "The blueprint to run (see 'factory blueprints').")
    String blueprint;

    @Option(names = "--plugins", paramLabel = "DIR|JAR", description = "A directory of plugin jars, or one plugin jar.")
    Path plugins;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "An option of the blueprint (repeatable), e.g. --set gap=10m; see the blueprint's documentation.")
    java.util.List<String> set = new java.util.ArrayList<>();

    @Option(names = "--options", paramLabel = "FILE",
            description = "A file of blueprint options, one KEY=VALUE per line (# starts a comment); --set overrides it.")
    Path optionsFile;

    @Option(names = "--input", paramLabel = "FILE", defaultValue = "-", description = "The input file, or - for the standard input. Default: ${DEFAULT-VALUE}.")
    String input;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "jsonl, csv or pcap (any capture: pcap, pcapng, gzipped). Default: a capture if the input starts like one,"
                    + " else from its extension (.jsonl .ndjson .json, .csv); jsonl for the standard input.")
    InputFormat format;

    @Option(names = "--interface", paramLabel = "NAME",
            description = "Capture live from this network interface through libpcap (e.g. eth0, lo, any) instead of reading --input;"
                    + " Ctrl-C ends the capture. Needs a packet blueprint (flows), libpcap and the right to capture.")
    String captureInterface;

    @Option(names = "--filter", paramLabel = "BPF", defaultValue = "",
            description = "With --interface: a capture filter in tcpdump's syntax, e.g. 'tcp port 443'. Default: every packet.")
    String filter;

    @Option(names = "--warehouse", paramLabel = "URI", defaultValue = "jsonl:factory-out",
            description = {"Where products go: jsonl:DIR, csv:DIR, postgresql://USER@HOST:PORT/DB[?table=T&key=C1,C2&schema=S]",
                "or duckdb:PATH[?table=T&key=C1,C2] (the PostgreSQL password from PGPASSWORD or ~/.pgpass). Default: ${DEFAULT-VALUE}."})
    String warehouse;

    @Option(names = "--group", paramLabel = "ID", description = "The consumer group of a kafka:// input (Kafka's group.id).")
    String group;

    @Option(names = "--from", paramLabel = "earliest|latest", defaultValue = "earliest",
            description = "Where a kafka:// input's group starts on a partition it has no committed offset for. Default: ${DEFAULT-VALUE}.")
    String from;

    @Option(names = "--stop-when-idle", paramLabel = "DURATION", converter = EngineOptions.DurationConverter.class,
            description = "With a kafka:// input: drain, commit and exit 0 once no record arrived for this long (e.g. 10s)."
                    + " Without it the run goes on until Ctrl-C or SIGTERM, which drain and commit too.")
    Duration stopWhenIdle;

    @Option(names = "--max-rejects", paramLabel = "N", defaultValue = "0",
            description = "Stop the run (exit code 1) once more than N records were rejected; 0 for no limit. Default: ${DEFAULT-VALUE}.")
    long maxRejects;

    @Mixin
    EngineOptions engine;

    @Mixin
    WebOptions web;

    @Spec
    CommandSpec spec;

    /** The standard input, once its first bytes have been looked at. */
    private PushbackInputStream stdin;

    RunCommand(Io io) {
        this.io = io;
    }

    /** The input formats. */
    enum InputFormat { JSONL, CSV, PCAP }

    @Override
    public Integer call() {
        if (maxRejects < 0) {
            throw new UsageException("--max-rejects must be zero (no limit) or positive: " + maxRejects);
        }
        if (KafkaUris.isKafka(input)) {
            var catalog = Catalog.load(Optional.ofNullable(plugins), warning -> io.err().println("factory: " + warning));
            return runKafka(catalog.get(blueprint).blueprint(), engine.settings());
        }
        if (group != null || stopWhenIdle != null) {
            throw new UsageException((group != null ? "--group" : "--stop-when-idle") + " is for a kafka:// input, not " + input);
        }
        var parsed = spec.commandLine().getParseResult();
        if (captureInterface != null) {
            if (parsed.hasMatchedOption("--input") || format != null) {
                throw new UsageException("--interface captures live: it takes no --input or --format");
            }
            if (!parsed.hasMatchedOption("--inspection")) {
                engine.inspection = Duration.ofSeconds(1);
            }
        } else if (!filter.isEmpty()) {
            throw new UsageException("--filter selects the packets of a live capture: it needs --interface");
        }
        InputFormat kind = captureInterface != null ? InputFormat.PCAP : format != null ? format : formatOf(input);
        if (kind == InputFormat.PCAP && captureInterface == null && !parsed.hasMatchedOption("--event-time")) {
            engine.eventTime = true;
        }
        if (kind == InputFormat.PCAP && !parsed.hasMatchedOption("--inspection")) {
            engine.inspection = Duration.ofSeconds(1);
        }
        var settings = engine.settings();
        var catalog = Catalog.load(Optional.ofNullable(plugins), warning -> io.err().println("factory: " + warning));
        var options = BlueprintOptions.parse(Optional.ofNullable(optionsFile), set);
        return run(BlueprintOptions.configure(catalog.get(blueprint).blueprint(), options), settings, kind);
    }

    private <M extends Material, P extends Product> int run(Blueprint<M, P> chosen, FactorySettings settings,
            InputFormat kind) {
        if (kind == InputFormat.PCAP && !Packets.isPacketType(chosen.materialType())) {
            throw new UsageException("--format pcap needs a blueprint whose material type is " + Packets.TYPE_NAME
                    + "; '" + chosen.name() + "' takes " + chosen.materialType().getName());
        }
        if (KafkaUris.isKafka(warehouse)) {
            throw new UsageException("--warehouse kafka:// needs a kafka:// input: a file run has no consumer group to commit");
        }
        var target = Warehouses.parse(warehouse);
        InputStream in = captureInterface != null ? InputStream.nullInputStream() : open(input);
        Warehouses.Outlet<P> outlet = Warehouses.open(target);
        Path dir = outlet.rejectsDir();
        String name = input.equals("-") ? "stdin" : Path.of(input).getFileName().toString();
        try {
            var rejects = new Rejects(dir, io.err(), maxRejects);
            Source<M> source = captureInterface != null
                    ? Packets.live(captureInterface, filter, chosen.materialType(), rejects, io.err())
                    : switch (kind) {
                        case JSONL -> new JsonLinesSource<>(in, name, chosen.materialType(), rejects);
                        case CSV -> new CsvSource<>(in, name, chosen.materialType(), rejects);
                        case PCAP -> Packets.source(in, name, chosen.materialType(), rejects);
                    };
            var production = new Production<>(chosen, settings, outlet.warehouse(), rejects,
                    io.out(), io.err(), io.terminal());
            return production.run(source, new Production.Limits(0, Duration.ZERO, 0, maxRejects), web);
        } catch (IOException e) {
            throw new UsageException("cannot prepare " + dir + ": " + e.getMessage());
        }
    }

    /** {@code --input kafka://...}: a consumer group feeds the factory; products go to files or topics. */
    private <M extends Material, P extends Product> int runKafka(Blueprint<M, P> chosen, FactorySettings settings) {
        var address = KafkaUris.input(input);
        if (group == null || group.isBlank()) {
            throw new UsageException("--input " + input + " needs --group ID: the consumer group whose offsets the run commits");
        }
        KafkaSourceSettings source;
        try {
            source = KafkaSourceSettings.of(address.servers(), address.topics(), group).autoOffsetReset(from);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--from must be earliest or latest, not '" + from + "'");
        }
        Duration idle = stopWhenIdle == null ? Duration.ZERO : stopWhenIdle;
        if (idle.isNegative()) {
            throw new UsageException("--stop-when-idle must be positive: " + stopWhenIdle);
        }
        Warehouse<P> products;
        Path dir;
        if (KafkaUris.isKafka(warehouse)) {
            var out = KafkaUris.warehouse(warehouse);
            dir = Warehouses.prepare(new Warehouses.Spec(FileWarehouse.Format.JSONL, Path.of("factory-out")));
            products = KafkaWarehouse.create(
                    KafkaWarehouseSettings.of(out.servers(), out.path()), new JsonProducts<>(chosen.productType()));
        } else {
            Warehouses.Outlet<P> outlet = Warehouses.open(Warehouses.parse(warehouse));
            dir = outlet.rejectsDir();
            products = outlet.warehouse();
        }
        try {
            var rejects = new Rejects(dir, io.err());
            var production = new Production<>(chosen, settings, products, rejects, io.out(), io.err(), io.terminal());
            return production.run(new KafkaFeed<>(source, chosen.materialType(), rejects, idle),
                    new Production.Limits(0, Duration.ZERO, 0, maxRejects), web);
        } catch (IOException e) {
            throw new UsageException("cannot prepare " + dir + ": " + e.getMessage());
        }
    }

    /** The format of the input: a capture if it starts like one, else by its name (JSON Lines for the standard input). */
    private InputFormat formatOf(String input) {
        String lower = input.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson") || lower.endsWith(".json")) {
            return InputFormat.JSONL;
        }
        if (lower.endsWith(".csv")) {
            return InputFormat.CSV;
        }
        if (startsLikeACapture(input)) {
            return InputFormat.PCAP;
        }
        if (input.equals("-")) {
            return InputFormat.JSONL;
        }
        if (lower.endsWith(".pcap") || lower.endsWith(".pcapng") || lower.endsWith(".cap") || lower.endsWith(".gz")) {
            return InputFormat.PCAP;
        }
        throw new UsageException("cannot tell the format of " + input + " from its name: add --format jsonl, csv or pcap");
    }

    /** Whether the input's first four bytes are a capture's magic number; false if it cannot be read. */
    private boolean startsLikeACapture(String input) {
        byte[] head;
        if (input.equals("-")) {
            stdin = new PushbackInputStream(io.in(), 4);
            try {
                head = stdin.readNBytes(4);
                stdin.unread(head);
            } catch (IOException e) {
                return false;
            }
        } else {
            try (InputStream in = Files.newInputStream(Path.of(input))) {
                head = in.readNBytes(4);
            } catch (IOException | RuntimeException e) {
                return false; // open() reports it, or the name decides
            }
        }
        return head.length == 4 && Captures.format((head[0] & 0xFF) << 24 | (head[1] & 0xFF) << 16 | (head[2] & 0xFF) << 8
                | head[3] & 0xFF).isPresent();
    }

    private InputStream open(String input) {
        if (input.equals("-")) {
            return stdin != null ? stdin : io.in();
        }
        Path path = Path.of(input);
        if (Files.isDirectory(path)) {
            throw new UsageException("input " + input + " is a directory, not a file");
        }
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new UsageException("input file not found: " + input);
        } catch (AccessDeniedException e) {
            throw new UsageException("cannot read input file " + input + ": permission denied");
        } catch (IOException e) {
            throw new UsageException("cannot read input file " + input + ": " + e.getMessage());
        }
    }
}
