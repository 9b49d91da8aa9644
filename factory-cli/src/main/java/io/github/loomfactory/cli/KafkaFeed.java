package io.github.loomfactory.cli;

import com.fasterxml.jackson.databind.ObjectReader;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.core.Factory;
import io.github.loomfactory.kafka.KafkaSource;
import io.github.loomfactory.kafka.KafkaSourceSettings;
import io.github.loomfactory.kafka.MaterialDecoder;
import io.github.loomfactory.kafka.SourceStats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code --input kafka://...}: a {@link KafkaSource} that buys JSON objects (as in JSON Lines) from
 * a consumer group into the run's factory, reporting records that do not decode to the reject file
 * with their topic, partition and offset.
 *
 * @param <M> the material type
 */
final class KafkaFeed<M extends Material> implements Production.Feed<M> {
    private final KafkaSourceSettings settings;
    private final MaterialDecoder<M> decoder;
    private final Rejects rejects;
    private final Duration stopWhenIdle;
    private KafkaSource<M> source;

    KafkaFeed(KafkaSourceSettings settings, Class<M> type, Rejects rejects, Duration stopWhenIdle) {
        this.settings = settings;
        this.rejects = rejects;
        this.stopWhenIdle = stopWhenIdle;
        ObjectReader reader = Json.MAPPER.readerFor(type);
        this.decoder = record -> {
            try {
                return reader.readValue(record.value());
            } catch (java.io.IOException | RuntimeException e) {
                throw new IllegalArgumentException(Json.reason(e), e);
            }
        };
    }

    @Override
    public void start(Factory<M, ?> factory) {
        source = KafkaSource.start(settings, decoder, factory, poison -> rejects.input(poison.topic() + "-" + poison.partition(),
                "offset", poison.offset(), poison.reason(), new String(poison.value(), StandardCharsets.UTF_8)));
    }

    @Override
    public boolean done() {
        return source.failure().isPresent() || !stopWhenIdle.isZero() && source.idle().compareTo(stopWhenIdle) >= 0;
    }

    @Override
    public String failure() {
        return source.failure().map(e -> "the kafka source stopped: " + Json.oneLine(String.valueOf(e.getMessage()))).orElse(null);
    }

    @Override
    public void stopPurchasing() throws InterruptedException {
        source.stopPurchasing();
    }

    @Override
    public void close() {
        source.close();
    }

    @Override
    public String status() {
        SourceStats stats = source.stats();
        return String.format(Locale.ROOT, "lag %,d | committed %s", stats.lag(), positions(stats.committed()));
    }

    @Override
    public String summary() {
        SourceStats stats = source.stats();
        return String.format(Locale.ROOT, "; kafka group %s read %,d records (%,d not decodable), lag %,d, committed %s",
                settings.groupId(), stats.records(), stats.poison(), stats.lag(), positions(stats.committed()));
    }

    private static String positions(Map<String, Long> committed) {
        return committed.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ", "[", "]"));
    }
}
