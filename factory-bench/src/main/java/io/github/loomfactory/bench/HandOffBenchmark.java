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
 * Production line to director to belt: how fast materials reach their assemblies, with nothing
 * done per material and nothing shipped. One pid keeps one belt busy (no wake-ups, one workshop
 * does all the work); more pids spread over the workshops and make the director find and wake
 * workers. Scores are materials per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-preview", "-Xmx2g"})
public class HandOffBenchmark {
    private static final int MATERIALS = 200_000;

    /** The implementation: {@code factory} or {@code baseline}. */
    @Param({"factory", "baseline"})
    public String impl;

    /** How many pids the materials are drawn from (uniformly). */
    @Param({"1", "64", "4096"})
    public int pids;

    private Engine.Impl engine;
    private Part[] parts;

    /** Creates the benchmark; JMH sets its parameters. */
    public HandOffBenchmark() {
    }

    /** Makes the materials. */
    @Setup
    public void setUp() {
        engine = Engine.Impl.of(impl);
        parts = Runs.uniform(pids, MATERIALS);
    }

    /**
     * One small run: start, purchase, drain.
     *
     * @return what the run handled, for JMH to consume
     * @throws InterruptedException if interrupted
     */
    @Benchmark
    @OperationsPerInvocation(MATERIALS)
    public long handOff() throws InterruptedException {
        return Runs.run(engine, Work.Kind.DISCARD, pids, parts, Runs.settings(Duration.ofSeconds(5), 1000));
    }
}
