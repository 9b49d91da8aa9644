package io.github.loomfactory.cli.web;

import java.util.List;
import java.util.Map;

/**
 * One second of a run, as the page plots it: rates over the second before {@code at}, and the
 * backlogs, rosters and lags at {@code at}. A figure that has no value for the second (no
 * shipment, no event time) is {@link Double#NaN}.
 *
 * @param number the sample's place in the run, from 1
 * @param at when it was taken, in epoch milliseconds
 * @param purchased materials purchased per second
 * @param processed materials processed per second
 * @param shipped products shipped per second
 * @param backlogs materials waiting on each production line
 * @param rosters live workers in each workshop
 * @param hires workers hired per second
 * @param retirements workers retired per second, by reason
 * @param rejects records rejected per second (undecodable input and dead letters)
 * @param latencyMeanMillis mean latency of the shipments of the second, in milliseconds
 * @param latencyMaxMillis longest latency of the shipments of the second, in milliseconds
 * @param eventTimeLagSeconds the event-time lag at {@code at}, in seconds
 * @param lanes the source's lanes at {@code at}; empty when it has none
 */
record Sample(long number, long at, double purchased, double processed, double shipped, List<Integer> backlogs,
        List<Integer> rosters, double hires, Map<String, Double> retirements, double rejects, double latencyMeanMillis,
        double latencyMaxMillis, double eventTimeLagSeconds, List<LaneLag> lanes) {
}
