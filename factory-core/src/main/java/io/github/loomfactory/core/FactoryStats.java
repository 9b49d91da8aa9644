package io.github.loomfactory.core;

import io.github.loomfactory.api.Retirement;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of what a {@link Factory} has done and holds: what the supervisor reports.
 *
 * <p>Counters are totals since the factory started; each is read without stopping the factory,
 * so two counters of one snapshot may be a few items apart. Rates are per second over the last
 * supervision interval.
 *
 * @param at when the snapshot was taken, on the factory's clock
 * @param purchased materials accepted by purchasing
 * @param processed materials handed to an assembly (including rejected ones)
 * @param rejected rejections the dead-letter handler took: materials whose assembly threw,
 *     materials a failed factory could not process, retirements that threw; exactly what was
 *     handed over
 * @param failures inspections and retirements that threw (no material to hand back)
 * @param emitted products emitted by assemblies
 * @param shipped products the warehouse received
 * @param hires workers hired
 * @param retirements workers retired
 * @param lineBacklogs materials waiting on each workshop's production line, by workshop
 * @param rosters live workers in each workshop, by workshop
 * @param transportBacklog products waiting on the transportation line and in bays
 * @param purchasedPerSecond purchasing rate over the last interval
 * @param shippedPerSecond shipping rate over the last interval
 * @param earlyRetirements workers retired early because the roster was at its cap (their
 *     products shipped as at any retirement); many of them mean more live pids than the cap,
 *     as in a key explosion (a scan, a SYN flood)
 * @param heldBytes estimated heap held by the factory's own queues and workers: materials on
 *     lines and belts, live and retiring workers, products in transport and the lines' rings, at
 *     the costs per item of {@link FactorySettings} (an estimate, not a measurement)
 * @param shippedPerPclass products the warehouse received, by pclass, in the order the pclasses
 *     were first shipped
 * @param retirementsPerReason workers retired, by reason (every reason present, zero or not)
 * @param recentShipments the latest shipments (up to 64), oldest first, with their latency
 * @param watermark on event time, the latest material time purchased so far; {@link Instant#MIN}
 *     when the factory is not on event time or has bought no material with a time yet
 * @param settledPositions per open lane of a durable source ({@link Factory#openLane}), the
 *     position below which every material is settled; empty without such a source
 * @param oldestUnsettled how long the oldest unsettled material bought with a position has
 *     waited (to the ledger's 100 ms epochs); zero if none
 * @param beltWaits times a director found its workshop's belts at their load
 *     ({@link FactorySettings#beltLoad()}) and waited for workers to take some before it took
 *     more off its line; many of them mean the belts' load, not the line, holds purchasing back
 */
public record FactoryStats(
        Instant at,
        long purchased,
        long processed,
        long rejected,
        long failures,
        long emitted,
        long shipped,
        long hires,
        long retirements,
        List<Integer> lineBacklogs,
        List<Integer> rosters,
        long transportBacklog,
        double purchasedPerSecond,
        double shippedPerSecond,
        long earlyRetirements,
        long heldBytes,
        Map<String, Long> shippedPerPclass,
        Map<Retirement, Long> retirementsPerReason,
        List<ShipmentTiming> recentShipments,
        Instant watermark,
        Map<String, Long> settledPositions,
        Duration oldestUnsettled,
        long beltWaits) {

    /**
     * Copies the lists and maps (keeping the maps' order).
     */
    public FactoryStats {
        lineBacklogs = List.copyOf(lineBacklogs);
        rosters = List.copyOf(rosters);
        shippedPerPclass = Collections.unmodifiableMap(new LinkedHashMap<>(shippedPerPclass));
        retirementsPerReason = Collections.unmodifiableMap(new LinkedHashMap<>(retirementsPerReason));
        recentShipments = List.copyOf(recentShipments);
        Objects.requireNonNull(watermark, "watermark");
        settledPositions = Collections.unmodifiableMap(new LinkedHashMap<>(settledPositions));
    }

    /**
     * Returns how far event time is behind the factory's clock: the time of this snapshot minus
     * the {@link #watermark()}. It grows while the input stalls and, for replayed data, says how
     * old the data is; negative when the materials' times run ahead of the clock.
     *
     * @return the lag, or empty when there is no watermark
     */
    public Optional<Duration> eventTimeLag() {
        return watermark.equals(Instant.MIN) ? Optional.empty() : Optional.of(Duration.between(watermark, at));
    }

    /**
     * Returns the number of live workers in the whole factory.
     *
     * @return the sum of {@link #rosters()}
     */
    public long liveWorkers() {
        return rosters.stream().mapToLong(Integer::longValue).sum();
    }

    /**
     * Returns the number of materials waiting on all production lines.
     *
     * @return the sum of {@link #lineBacklogs()}
     */
    public long lineBacklog() {
        return lineBacklogs.stream().mapToLong(Integer::longValue).sum();
    }
}
