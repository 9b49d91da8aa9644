package io.github.loomfactory.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Transportation: one product per material over eight pclasses, so the stevedore groups and the
 * driver ships {@code materials / shipmentSize} shipments. Small shipments cost a warehouse call
 * each; large ones wait in bays. Scores are materials (and products) per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-preview", "-Xmx2g"})
public class ShippingBenchmark {
    private static final int MATERIALS = 200_000;
    private static final int PIDS = 1000;

    /** The implementation: {@code factory} or {@code baseline}. */
    @Param({"factory", "baseline"})
    public String impl;

    /** Products per shipment. */
    @Param({"1", "100", "1000", "10000"})
    public int shipmentSize;

    private Engine.Impl engine;
    private Part[] parts;

    /** Creates the benchmark; JMH sets its parameters. */
    public ShippingBenchmark() {
    }

    /** Makes the materials. */
    @Setup
    public void setUp() {
        engine = Engine.Impl.of(impl);
        parts = Runs.uniform(PIDS, MATERIALS);
    }

    /**
     * One small run: start, purchase, drain, every product counted by the warehouse.
     *
     * @return the warehouse's checksum, for JMH to consume
     * @throws InterruptedException if interrupted
     */
    @Benchmark
    @OperationsPerInvocation(MATERIALS)
    public long ship() throws InterruptedException {
        return Runs.run(engine, Work.Kind.MAP, PIDS, parts, Runs.settings(Duration.ofSeconds(5), shipmentSize));
    }
}
