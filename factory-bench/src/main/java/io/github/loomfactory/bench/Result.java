package io.github.loomfactory.bench;

import java.util.List;
import java.util.Locale;

/**
 * The outcome of one scenario run, printed as the one line of BENCHMARKS.md.
 *
 * @param peer the implementation ({@code factory} or {@code baseline})
 * @param workload the workload
 * @param materials materials purchased
 * @param products products counted by the warehouse
 * @param seconds from the first material made to the last product counted
 * @param heapPeakBytes the largest heap-used sample, or 0 if not sampled
 * @param heapPerWorkerBytes heap per live worker (W4), or -1 if not measured
 * @param problems what the self-check found wrong; empty if the run is ok
 */
record Result(String peer, Workload workload, long materials, long products, double seconds, long heapPeakBytes,
        long heapPerWorkerBytes, List<String> problems) {

    /** Copies the problems. */
    Result {
        problems = List.copyOf(problems);
    }

    /** Returns true if the run passed its self-check. */
    boolean ok() {
        return problems.isEmpty();
    }

    /** Returns materials per second. */
    double materialsPerSecond() {
        return seconds > 0 ? materials / seconds : 0;
    }

    /** Returns the result line of BENCHMARKS.md. */
    String line() {
        return String.format(Locale.ROOT,
                "peer=%s workload=%s materials=%d products=%d seconds=%.3f materials_per_s=%.0f heap_peak_mb=%d"
                        + " heap_per_worker_bytes=%s ok=%s",
                peer, workload, materials, products, seconds, materialsPerSecond(), heapPeakBytes >> 20,
                heapPerWorkerBytes < 0 ? "NA" : Long.toString(heapPerWorkerBytes), ok());
    }
}
