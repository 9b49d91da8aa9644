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
 * Worker wake-up and drain: materials dealt round robin over the pids, so that every delivery
 * finds its worker parked on an empty belt and must wake it, and every worker retires at the
 * drain. Few pids: the same workers are woken again and again; many pids: each is hired, woken
 * twice and retired. Scores are materials per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-preview", "-Xmx2g"})
public class WakeUpBenchmark {
    private static final int MATERIALS = 200_000;

    /** The implementation: {@code factory} or {@code baseline}. */
    @Param({"factory", "baseline"})
    public String impl;

    /** How many pids the materials are dealt to. */
    @Param({"100", "100000"})
    public int pids;

    private Engine.Impl engine;
    private Part[] parts;

    /** Creates the benchmark; JMH sets its parameters. */
    public WakeUpBenchmark() {
    }

    /** Makes the materials. */
    @Setup
    public void setUp() {
        engine = Engine.Impl.of(impl);
        parts = Runs.roundRobin(pids, MATERIALS);
    }

    /**
     * One small run: start, purchase, drain.
     *
     * @return what the run handled, for JMH to consume
     * @throws InterruptedException if interrupted
     */
    @Benchmark
    @OperationsPerInvocation(MATERIALS)
    public long wakeUp() throws InterruptedException {
        return Runs.run(engine, Work.Kind.DISCARD, pids, parts, Runs.settings(Duration.ofSeconds(5), 1000));
    }
}
