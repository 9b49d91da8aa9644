package io.github.loomfactory.cli;

import io.github.loomfactory.flows.FlowRecord;
import io.github.loomfactory.cli.web.WebOptions;
import io.github.loomfactory.flows.FlowsBlueprint;
import io.github.loomfactory.flows.SyntheticPackets;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * {@code factory demo}: the original program's scenario end to end on built-in parts: a seeded
 * synthetic buyer of packets, the {@code flows} blueprint, a file warehouse.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, sortOptions = false,
        defaultValueProvider = DemoCommand.Defaults.class,
        header = "Assemble synthetic network packets into flows with the built-in 'flows' blueprint.",
        description = {"Assemble synthetic network packets into bidirectional flows with the built-in 'flows' blueprint,",
            "one virtual thread per live flow, and write the flow records to DIR/<protocol>.jsonl.",
            "A status line every second; a summary at the end. Ctrl-C stops it cleanly.", ""},
        footer = {"", "Examples:", "  factory demo", "  factory demo --seconds 0 --rate 5000     # the original pace, until Ctrl-C",
            "  factory demo --materials 1000000 --warehouse csv:flows"})
final class DemoCommand implements Callable<Integer> {
    private final Io io;

    @Option(names = "--seconds", paramLabel = "N", description = "Stop after N seconds; 0 to run until Ctrl-C. Default: ${DEFAULT-VALUE}.")
    long seconds;

    @Option(names = "--materials", paramLabel = "N", description = "Stop after N packets; 0 for no limit. Default: ${DEFAULT-VALUE}.")
    long materials;

    @Option(names = "--rate", paramLabel = "PER_SECOND", description = "Packets bought per second; 0 for full speed. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the synthetic packets. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--hosts", paramLabel = "N", description = "Hosts talking. Default: ${DEFAULT-VALUE}.")
    int hosts;

    @Option(names = "--conversations", paramLabel = "N", description = "Conversations between them (about the live flows). Default: ${DEFAULT-VALUE}.")
    int conversations;

    @Option(names = "--active-timeout", paramLabel = "DURATION", converter = EngineOptions.DurationConverter.class,
            description = "A flow lasting longer is cut into records of this length. Default: ${DEFAULT-VALUE}.")
    Duration activeTimeout;

    @Option(names = "--tcp-linger", paramLabel = "DURATION", converter = EngineOptions.DurationConverter.class,
            description = "How long a closed TCP connection's flow waits for its last packets. Default: ${DEFAULT-VALUE}.")
    Duration tcpLinger;

    @Option(names = "--community-id-seed", paramLabel = "N", description = "The seed of the flows' Community IDs, 0..65535. Default: ${DEFAULT-VALUE}.")
    int communityIdSeed;

    @Option(names = "--warehouse", paramLabel = "URI",
            description = "Where flow records go: jsonl:DIR, csv:DIR, postgresql://... or duckdb:PATH (see 'factory run --help'). Default: ${DEFAULT-VALUE}.")
    String warehouse;

    @Mixin
    EngineOptions engine;

    @Mixin
    WebOptions web;

    DemoCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        if (seconds < 0 || materials < 0 || rate < 0) {
            throw new UsageException("--seconds, --materials and --rate must be zero (no limit) or positive");
        }
        // the synthetic packets' tables live beside the factory: its defaults are sized for the heap they leave
        var settings = engine.settings(Runtime.getRuntime().maxMemory() - tablesBytes(hosts, conversations));
        SyntheticPackets packets;
        FlowsBlueprint blueprint;
        try {
            packets = SyntheticPackets.builder().seed(seed).hosts(hosts).conversations(conversations).build();
            blueprint = new FlowsBlueprint(activeTimeout, tcpLinger, communityIdSeed);
        } catch (IllegalArgumentException e) {
            throw new UsageException(demoRefusal(e.getMessage()));
        }
        Warehouses.Outlet<FlowRecord> outlet = Warehouses.open(Warehouses.parse(warehouse));
        var dir = outlet.rejectsDir();
        try {
            var rejects = new Rejects(dir, io.err());
            var production = new Production<>(blueprint, settings, outlet.warehouse(), rejects,
                    io.out(), io.err(), io.terminal());
            io.err().println("factory: demo: " + packets + " -> flows -> " + outlet.describe()
                    + (seconds > 0 ? ", for " + seconds + " s" : "") + (materials > 0 ? ", " + materials + " packets" : "")
                    + (seconds == 0 && materials == 0 ? ", until Ctrl-C" : ""));
            return production.run(Packets.of(packets), new Production.Limits(materials, Duration.ofSeconds(seconds), rate, 0), web);
        } catch (IOException e) {
            throw new UsageException("cannot prepare " + dir + ": " + e.getMessage());
        }
    }

    /** The flows settings the demo's options set, by the name their messages start with. */
    private static final Map<String, String> FLOWS_OPTIONS = Map.of(
            "activeTimeout", "--active-timeout", "tcpLinger", "--tcp-linger", "hosts", "--hosts",
            "conversations", "--conversations");
    /** CommunityId's refusal, which names its setting in words. */
    private static final String SEED = "community ID seed ";

    /**
     * Says a refusal of factory-flows in the demo's option names. Its messages start with the
     * setting's name ("hosts must be in 1..65536: 0"), so only that first word is looked up, in a
     * table; a message that starts otherwise is kept as it is.
     */
    static String demoRefusal(String message) {
        if (message.startsWith(SEED)) {
            return "--community-id-seed " + message.substring(SEED.length());
        }
        int space = message.indexOf(' ');
        String option = space < 0 ? null : FLOWS_OPTIONS.get(message.substring(0, space));
        return option == null ? message : option + message.substring(space);
    }

    /**
     * Returns about how much heap the synthetic packets keep for {@code hosts} and
     * {@code conversations}: per conversation two address references, two ports, a protocol and a
     * packet count (24 B), per host its address string (about 64 B).
     */
    static long tablesBytes(int hosts, int conversations) {
        return 24L * Math.max(0, conversations) + 64L * Math.max(0, hosts);
    }

    /** The demo's defaults: the engine's, on event time with inspections every second, as flows needs. */
    static final class Defaults implements IDefaultValueProvider {
        private final EngineOptions.Defaults engine = new EngineOptions.Defaults();
        private final Map<String, String> demo;

        Defaults() {
            var synthetic = SyntheticPackets.builder().build();
            demo = Map.ofEntries(
                    Map.entry("--seconds", "10"),
                    Map.entry("--materials", "0"),
                    Map.entry("--rate", "0"),
                    Map.entry("--seed", Long.toString(synthetic.seed())),
                    Map.entry("--hosts", Integer.toString(synthetic.hosts())),
                    Map.entry("--conversations", Integer.toString(synthetic.conversations())),
                    Map.entry("--active-timeout", Durations.format(FlowsBlueprint.DEFAULT_ACTIVE_TIMEOUT)),
                    Map.entry("--tcp-linger", Durations.format(FlowsBlueprint.DEFAULT_TCP_LINGER)),
                    Map.entry("--community-id-seed", "0"),
                    Map.entry("--warehouse", "jsonl:factory-out"),
                    Map.entry("--event-time", "true"),
                    Map.entry("--inspection", "1s"));
        }

        @Override
        public String defaultValue(ArgSpec argSpec) throws Exception {
            if (argSpec instanceof OptionSpec option && demo.containsKey(option.longestName())) {
                return demo.get(option.longestName());
            }
            return engine.defaultValue(argSpec);
        }
    }
}
