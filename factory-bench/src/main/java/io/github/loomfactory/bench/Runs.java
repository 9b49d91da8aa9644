package io.github.loomfactory.bench;

import io.github.loomfactory.core.FactorySettings;
import java.time.Duration;

/**
 * Small factory runs for the JMH benchmarks: inputs made up front, one run per invocation
 * (start, purchase everything, close), checked afterwards so that a benchmark of a broken engine
 * fails instead of reporting a number.
 */
final class Runs {
    private Runs() {
    }

    /** Returns the uniform stream of {@code n} materials over {@code pids}, made up front. */
    static Part[] uniform(int pids, int n) {
        return drain(Materials.uniform(pids, n));
    }

    /** Returns {@code n} materials dealt round robin over {@code pids}: pid {@code i % pids}. */
    static Part[] roundRobin(int pids, int n) {
        var parts = new Part[n];
        for (int i = 0; i < n; i++) {
            parts[i] = Part.of(i % pids, i / pids, i % Materials.VALUES);
        }
        return parts;
    }

    /** Returns {@code per} consecutive materials for each of {@code pids}: short-lived pids. */
    static Part[] consecutive(int pids, int per) {
        var parts = new Part[pids * per];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = Part.of(i / per, i % per, i % Materials.VALUES);
        }
        return parts;
    }

    /** Returns benchmark settings: default but for the contract and shipment size; no status line. */
    static FactorySettings settings(Duration contract, int shipmentSize) {
        return FactorySettings.builder()
                .contract(contract)
                .shipmentSize(shipmentSize)
                .statusInterval(Duration.ZERO)
                .primer(true)
                .build();
    }

    /**
     * Runs {@code parts} through a fresh engine of {@code impl} doing {@code kind}.
     *
     * @return the warehouse's checksum plus the materials handled, for the benchmark to return
     * @throws IllegalStateException if the run lost, reordered or misfiled anything
     */
    static long run(Engine.Impl impl, Work.Kind kind, int pids, Part[] parts, FactorySettings settings)
            throws InterruptedException {
        var order = new OrderCheck(pids);
        var warehouse = new CountingWarehouse();
        var engine = Engine.start(impl, new Work(kind, order), warehouse, settings);
        try {
            for (Part part : parts) {
                engine.purchase(part);
            }
        } finally {
            engine.close();
        }
        long processed = engine.processed();
        long products = kind == Work.Kind.DISCARD ? 0 : parts.length;
        if (order.violations() != 0 || processed != parts.length || warehouse.products() != products
                || warehouse.misfiled() != 0) {
            throw new IllegalStateException(impl.label() + " run went wrong: " + order.violations() + " out of order, "
                    + processed + " of " + parts.length + " handled, " + warehouse.products() + " of " + products
                    + " products counted, " + warehouse.misfiled() + " misfiled");
        }
        return warehouse.checksum() + processed;
    }

    private static Part[] drain(Materials source) {
        var parts = new Part[Math.toIntExact(source.count())];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = source.next();
        }
        return parts;
    }
}
