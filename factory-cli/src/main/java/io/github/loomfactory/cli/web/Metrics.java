package io.github.loomfactory.cli.web;

import io.github.loomfactory.core.FactoryStats;
import io.github.loomfactory.core.ShipmentTiming;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code /metrics}: one reading of the run as Prometheus metrics, written by the Prometheus Java
 * client's text format writer. Every figure of a scrape comes from the same reading.
 *
 * <p>Counters are {@code loomfactory_<thing>_total}; gauges name what they measure; labels are
 * {@code workshop}, {@code pclass}, {@code reason} and, for a durable source, {@code lane}. A
 * gauge with nothing to say (no shipment yet, not on event time, a source without lanes) is left
 * out rather than reported as zero.
 */
final class Metrics {
    private static final String PREFIX = "loomfactory_";
    private static final PrometheusTextFormatWriter WRITER = PrometheusTextFormatWriter.create();

    private Metrics() {
    }

    /** The content type of what {@link #write} writes. */
    static String contentType() {
        return WRITER.getContentType();
    }

    /** Writes {@code snapshot} in the Prometheus text format. */
    static void write(OutputStream out, Readings.Snapshot snapshot) throws IOException {
        WRITER.write(out, of(snapshot));
    }

    /** The metrics of one reading. */
    static MetricSnapshots of(Readings.Snapshot snapshot) {
        FactoryStats s = snapshot.stats();
        List<MetricSnapshot> metrics = new ArrayList<>();
        metrics.add(counter("materials_purchased", "Materials accepted by purchasing.", s.purchased()));
        metrics.add(counter("materials_processed", "Materials handed to an assembly, rejected ones included.", s.processed()));
        metrics.add(counter("materials_rejected", "Materials whose assembly threw; they went to the dead letters.", s.rejected()));
        metrics.add(counter("failures", "Inspections and retirements that threw.", s.failures()));
        metrics.add(counter("products_emitted", "Products emitted by assemblies.", s.emitted()));
        var shipped = CounterSnapshot.builder().name(PREFIX + "products_shipped").help("Products the warehouse received, by pclass.");
        for (Map.Entry<String, Long> entry : s.shippedPerPclass().entrySet()) {
            shipped.dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of("pclass", entry.getKey())).value(entry.getValue()).build());
        }
        metrics.add(shipped.build());
        List<ShipmentTiming> recent = s.recentShipments();
        metrics.add(counter("shipments", "Shipments the warehouse accepted.", recent.isEmpty() ? 0 : recent.getLast().number()));
        metrics.add(counter("workers_hired", "Workers hired (a virtual thread each).", s.hires()));
        var retired = CounterSnapshot.builder().name(PREFIX + "workers_retired").help("Workers retired, by reason: idle, early (roster cap), drain.");
        for (var entry : s.retirementsPerReason().entrySet()) {
            retired.dataPoint(CounterDataPointSnapshot.builder().labels(Labels.of("reason", entry.getKey().name().toLowerCase(java.util.Locale.ROOT)))
                    .value(entry.getValue()).build());
        }
        metrics.add(retired.build());
        metrics.add(counter("belt_waits", "Times a director waited for its belts to unload (the belt load, not the line, held purchasing back).",
                s.beltWaits()));
        metrics.add(counter("records_rejected", "Records the run rejected: undecodable input and dead letters.", snapshot.rejects()));
        metrics.add(perWorkshop("line_backlog", "Materials waiting on each workshop's production line.", s.lineBacklogs()));
        metrics.add(perWorkshop("workers_live", "Live workers in each workshop.", s.rosters()));
        metrics.add(gauge("transport_backlog", "Products waiting on the transportation line and in bays.", s.transportBacklog()));
        if (!recent.isEmpty()) {
            double max = 0;
            double sum = 0;
            for (ShipmentTiming timing : recent) {
                double seconds = timing.latency().toNanos() / 1e9;
                max = Math.max(max, seconds);
                sum += seconds;
            }
            metrics.add(gauge("shipment_latency_mean_seconds", "Mean latency of the latest " + recent.size() + " shipments.", sum / recent.size()));
            metrics.add(gauge("shipment_latency_max_seconds", "Longest latency of the latest " + recent.size() + " shipments.", max));
        }
        s.eventTimeLag().ifPresent(lag -> metrics.add(gauge("event_time_lag_seconds",
                "The factory's clock minus the latest event time purchased.", lag.toMillis() / 1000.0)));
        if (!snapshot.lanes().isEmpty()) {
            var consumer = GaugeSnapshot.builder().name(PREFIX + "source_consumer_lag").help("Records of each source lane not yet consumed.");
            var commit = GaugeSnapshot.builder().name(PREFIX + "source_commit_lag").help("Records of each source lane consumed but not yet committed.");
            for (LaneLag lane : snapshot.lanes()) {
                consumer.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("lane", lane.lane())).value(lane.consumerLag()).build());
                commit.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("lane", lane.lane())).value(lane.commitLag()).build());
            }
            metrics.add(consumer.build());
            metrics.add(commit.build());
        }
        return new MetricSnapshots(metrics);
    }

    private static CounterSnapshot counter(String name, String help, long value) {
        return CounterSnapshot.builder().name(PREFIX + name).help(help)
                .dataPoint(CounterDataPointSnapshot.builder().value(value).build()).build();
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(PREFIX + name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    private static GaugeSnapshot perWorkshop(String name, String help, List<Integer> values) {
        var gauge = GaugeSnapshot.builder().name(PREFIX + name).help(help);
        for (int i = 0; i < values.size(); i++) {
            gauge.dataPoint(GaugeDataPointSnapshot.builder().labels(Labels.of("workshop", Integer.toString(i))).value(values.get(i)).build());
        }
        return gauge.build();
    }
}
