package io.github.loomfactory.cli.web;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.loomfactory.core.FactoryStats;
import io.github.loomfactory.core.ShipmentTiming;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The JSON the server sends: {@code /stats.json} (one reading of the run) and
 * {@code /history.json} (the samples the page plots). Written field by field with Jackson's
 * streaming generator, so the format is spelled out here and needs no reflection. Times are
 * ISO-8601 strings in {@code /stats.json} and epoch milliseconds in the samples; a figure with no
 * value is {@code null}.
 */
final class JsonViews {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonViews() {
    }

    /** Writes one reading: every component of the stats, then the run's rejects and lanes. */
    static void stats(OutputStream out, Readings readings, Readings.Snapshot snapshot) throws IOException {
        FactoryStats s = snapshot.stats();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("blueprint", readings.blueprint());
            json.writeBooleanField("eventTime", readings.eventTime());
            json.writeStringField("at", s.at().toString());
            json.writeNumberField("purchased", s.purchased());
            json.writeNumberField("processed", s.processed());
            json.writeNumberField("rejected", s.rejected());
            json.writeNumberField("failures", s.failures());
            json.writeNumberField("emitted", s.emitted());
            json.writeNumberField("shipped", s.shipped());
            json.writeNumberField("hires", s.hires());
            json.writeNumberField("retirements", s.retirements());
            ints(json, "lineBacklogs", s.lineBacklogs());
            ints(json, "rosters", s.rosters());
            json.writeNumberField("liveWorkers", s.liveWorkers());
            json.writeNumberField("lineBacklog", s.lineBacklog());
            json.writeNumberField("transportBacklog", s.transportBacklog());
            json.writeNumberField("purchasedPerSecond", s.purchasedPerSecond());
            json.writeNumberField("shippedPerSecond", s.shippedPerSecond());
            json.writeObjectFieldStart("shippedPerPclass");
            for (var entry : s.shippedPerPclass().entrySet()) {
                json.writeNumberField(entry.getKey(), entry.getValue());
            }
            json.writeEndObject();
            json.writeObjectFieldStart("retirementsPerReason");
            for (var entry : s.retirementsPerReason().entrySet()) {
                json.writeNumberField(entry.getKey().name(), entry.getValue());
            }
            json.writeEndObject();
            json.writeArrayFieldStart("recentShipments");
            for (ShipmentTiming timing : s.recentShipments()) {
                json.writeStartObject();
                json.writeNumberField("number", timing.number());
                json.writeStringField("pclass", timing.pclass());
                json.writeNumberField("size", timing.size());
                json.writeNumberField("latencySeconds", timing.latency().toNanos() / 1e9);
                json.writeEndObject();
            }
            json.writeEndArray();
            if (s.watermark().equals(Instant.MIN)) {
                json.writeNullField("watermark");
            } else {
                json.writeStringField("watermark", s.watermark().toString());
            }
            number(json, "eventTimeLagSeconds", s.eventTimeLag().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN));
            json.writeNumberField("rejects", snapshot.rejects());
            lanes(json, snapshot.lanes());
            json.writeEndObject();
        }
    }

    /** Writes the samples numbered above what the page has, the latest totals, and what the page needs to lay out its plots. */
    static void history(OutputStream out, Readings readings, int workshops, Readings.Snapshot latest, List<Sample> samples)
            throws IOException {
        FactoryStats s = latest.stats();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("blueprint", readings.blueprint());
            json.writeBooleanField("eventTime", readings.eventTime());
            json.writeNumberField("workshops", workshops);
            json.writeObjectFieldStart("now");
            json.writeNumberField("t", s.at().toEpochMilli());
            json.writeNumberField("purchased", s.purchased());
            json.writeNumberField("processed", s.processed());
            json.writeNumberField("shipped", s.shipped());
            json.writeNumberField("hires", s.hires());
            json.writeNumberField("retirements", s.retirements());
            json.writeNumberField("liveWorkers", s.liveWorkers());
            json.writeNumberField("lineBacklog", s.lineBacklog());
            json.writeNumberField("transportBacklog", s.transportBacklog());
            json.writeNumberField("rejects", latest.rejects());
            json.writeNumberField("failures", s.failures());
            json.writeEndObject();
            json.writeArrayFieldStart("samples");
            for (Sample sample : samples) {
                json.writeStartObject();
                json.writeNumberField("n", sample.number());
                json.writeNumberField("t", sample.at());
                number(json, "purchased", sample.purchased());
                number(json, "processed", sample.processed());
                number(json, "shipped", sample.shipped());
                ints(json, "backlog", sample.backlogs());
                ints(json, "roster", sample.rosters());
                number(json, "hires", sample.hires());
                json.writeObjectFieldStart("retirements");
                for (Map.Entry<String, Double> entry : sample.retirements().entrySet()) {
                    number(json, entry.getKey(), entry.getValue());
                }
                json.writeEndObject();
                number(json, "rejects", sample.rejects());
                number(json, "latencyMean", sample.latencyMeanMillis());
                number(json, "latencyMax", sample.latencyMaxMillis());
                number(json, "eventTimeLag", sample.eventTimeLagSeconds());
                lanes(json, sample.lanes());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void ints(JsonGenerator json, String name, List<Integer> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (int value : values) {
            json.writeNumber(value);
        }
        json.writeEndArray();
    }

    private static void number(JsonGenerator json, String name, double value) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumberField(name, value);
        } else {
            json.writeNullField(name);
        }
    }

    private static void lanes(JsonGenerator json, List<LaneLag> lanes) throws IOException {
        json.writeArrayFieldStart("lanes");
        for (LaneLag lane : lanes) {
            json.writeStartObject();
            json.writeStringField("lane", lane.lane());
            json.writeNumberField("consumerLag", lane.consumerLag());
            json.writeNumberField("commitLag", lane.commitLag());
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
