package io.github.loomfactory.cli;

import io.github.loomfactory.core.FactorySettings;
import io.github.loomfactory.core.FailurePolicy;
import io.github.loomfactory.core.SettingException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * The engine's settings as options of {@code run} and {@code demo}, each mapped onto one
 * {@link FactorySettings} component. Defaults are read from {@link FactorySettings#defaults()}
 * (see {@link Defaults}), so the help shows the engine's own numbers.
 */
final class EngineOptions {
    /** Settings component to the option that sets it, for saying the engine's refusals ({@link SettingException}) in option names. */
    private static final Map<String, String> OPTIONS = Map.ofEntries(
            Map.entry("workshops", "--workshops"),
            Map.entry("lineCapacity", "--line-capacity"),
            Map.entry("beltCapacity", "--belt-capacity"),
            Map.entry("beltLoad", "--belt-load"),
            Map.entry("rosterCap", "--roster-cap"),
            Map.entry("contract", "--contract"),
            Map.entry("inspection", "--inspection"),
            Map.entry("transportCapacity", "--transport-capacity"),
            Map.entry("shipmentSize", "--shipment-size"),
            Map.entry("shipmentAge", "--shipment-age"),
            Map.entry("warehouseRetries", "--retries"),
            Map.entry("retryBackoff", "--retry-backoff"));

    @Option(names = "--workshops", paramLabel = "N", description = "Workshops (partitions of the pid space). Default: ${DEFAULT-VALUE} (the cores).")
    int workshops;

    @Option(names = "--line-capacity", paramLabel = "N", description = "Materials each production line holds; purchasing waits when full."
            + " Default: from the heap: heap / 2048 over all lines (at most " + FactorySettings.DEFAULT_LINES + "), at least 256 each.")
    Integer lineCapacity;

    @Option(names = "--belt-capacity", paramLabel = "N", description = "Materials each worker's belt holds. Default: ${DEFAULT-VALUE}.")
    int beltCapacity;

    @Option(names = "--belt-load", paramLabel = "N", description = "Materials the belts of one workshop hold together before its director waits."
            + " Default: from the heap: heap / 1024 over all workshops (at most " + FactorySettings.DEFAULT_BELTS + "), at least 1024 each.")
    Integer beltLoad;

    @Option(names = "--transport-capacity", paramLabel = "N", description = "Products the transportation line holds."
            + " Default: from the heap: heap / 4096, 1024 to 65536.")
    Integer transportCapacity;

    @Option(names = "--roster-cap", paramLabel = "N", description = "Most workers alive, counting those still retiring; the least recently active retires early beyond it."
            + " Default: from the heap: what half the heap leaves after the lines, at ~2 KB per worker (at most 4194304).")
    Integer rosterCap;

    @Option(names = "--contract", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Idle time after which a worker retires (e.g. 500ms, 5s, 2m). Default: ${DEFAULT-VALUE}.")
    Duration contract;

    @Option(names = "--inspection", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "How often live workers are inspected; 0s for never. Default: ${DEFAULT-VALUE}.")
    Duration inspection;

    @Option(names = "--shipment-size", paramLabel = "N", description = "Products per shipment. Default: ${DEFAULT-VALUE}.")
    int shipmentSize;

    @Option(names = "--shipment-age", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Longest a product waits to be shipped. Default: ${DEFAULT-VALUE}.")
    Duration shipmentAge;

    @Option(names = "--retries", paramLabel = "N", description = "Retries of a failed shipment before the run fails. Default: ${DEFAULT-VALUE}.")
    int retries;

    @Option(names = "--retry-backoff", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Pause before the first retry, doubled for each further one. Default: ${DEFAULT-VALUE}.")
    Duration retryBackoff;

    @Option(names = "--failure-policy", paramLabel = "POLICY",
            description = "What a throwing blueprint does: reject (the material goes to rejects.jsonl, the run goes on) or fail (the run stops). Default: ${DEFAULT-VALUE}.")
    FailurePolicy failurePolicy;

    @Option(names = "--event-time", negatable = true, fallbackValue = "true",
            description = "Run contracts and inspections on the materials' own timestamps (for replayed data). Default: ${DEFAULT-VALUE}.")
    boolean eventTime;

    @Option(names = "--worker-names", negatable = true, fallbackValue = "true",
            description = "Name each worker's thread worker-<pid>, for thread dumps (about 56 bytes more per live worker). Default: ${DEFAULT-VALUE}.")
    boolean workerNames;

    /**
     * Builds the settings.
     *
     * @throws UsageException naming the option, if the engine refuses a value
     */
    FactorySettings settings() {
        return settings(Runtime.getRuntime().maxMemory());
    }

    /**
     * Builds the settings, sizing the defaults not given on the command line for a heap of
     * {@code heap} bytes: the JVM's heap less what the command itself keeps (the demo's packet tables).
     *
     * @throws UsageException naming the option, if the engine refuses a value
     */
    FactorySettings settings(long heap) {
        try {
            var builder = FactorySettings.builder().heap(Math.max(heap, 1L << 20));
            if (lineCapacity != null) {
                builder.lineCapacity(lineCapacity);
            }
            if (beltLoad != null) {
                builder.beltLoad(beltLoad);
            }
            if (transportCapacity != null) {
                builder.transportCapacity(transportCapacity);
            }
            if (rosterCap != null) {
                builder.rosterCap(rosterCap);
            }
            return builder
                    .workshops(workshops)
                    .beltCapacity(beltCapacity)
                    .contract(contract)
                    .inspection(inspection)
                    .shipmentSize(shipmentSize)
                    .shipmentAge(shipmentAge)
                    .warehouseRetries(retries)
                    .retryBackoff(retryBackoff)
                    .failurePolicy(failurePolicy)
                    .eventTime(eventTime)
                    .workerNames(workerNames)
                    .statusInterval(Duration.ZERO)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(refusal(e));
        }
    }

    /**
     * Says the engine's refusal of a value in the command's terms: a {@link SettingException}
     * names its setting apart from the problem, and the setting becomes the option that sets it;
     * any other message is kept as it is.
     */
    static String refusal(IllegalArgumentException refused) {
        if (refused instanceof SettingException setting) {
            return OPTIONS.getOrDefault(setting.setting(), setting.setting()) + " " + setting.problem();
        }
        return refused.getMessage();
    }

    /** Returns the option that sets the settings component {@code setting}, if the command has one. */
    static java.util.Optional<String> option(String setting) {
        return java.util.Optional.ofNullable(OPTIONS.get(setting));
    }

    /** Parses durations for picocli. */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** The defaults of the engine options, read from {@link FactorySettings#defaults()}. */
    static final class Defaults implements picocli.CommandLine.IDefaultValueProvider {
        private final Map<String, String> values;

        Defaults() {
            FactorySettings d = FactorySettings.defaults();
            values = Map.ofEntries(
                    Map.entry("--workshops", Integer.toString(d.workshops())),
                    Map.entry("--belt-capacity", Integer.toString(d.beltCapacity())),
                    Map.entry("--contract", Durations.format(d.contract())),
                    Map.entry("--inspection", Durations.format(d.inspection())),
                    Map.entry("--shipment-size", Integer.toString(d.shipmentSize())),
                    Map.entry("--shipment-age", Durations.format(d.shipmentAge())),
                    Map.entry("--retries", Integer.toString(d.warehouseRetries())),
                    Map.entry("--retry-backoff", Durations.format(d.retryBackoff())),
                    Map.entry("--failure-policy", d.failurePolicy().name().toLowerCase(Locale.ROOT)),
                    Map.entry("--event-time", Boolean.toString(d.eventTime())),
                    Map.entry("--worker-names", Boolean.toString(d.workerNames())));
        }

        @Override
        public String defaultValue(ArgSpec argSpec) {
            return argSpec instanceof OptionSpec option ? values.get(option.longestName()) : null;
        }
    }
}
