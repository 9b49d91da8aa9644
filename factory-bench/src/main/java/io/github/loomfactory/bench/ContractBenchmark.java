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
 * Contract bookkeeping: many short-lived pids (two consecutive materials each). With a 2 ms
 * contract every worker is hired, retires on expiry during the run and its bookkeeping is
 * cleaned up; with 60 s they all stay on the roster until the drain. Scores are materials per
 * second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-preview", "-Xmx2g"})
public class ContractBenchmark {
    private static final int PIDS = 50_000;
    private static final int PER_PID = 2;

    /** The implementation: {@code factory} or {@code baseline}. */
    @Param({"factory", "baseline"})
    public String impl;

    /** The contract, in milliseconds. */
    @Param({"2", "60000"})
    public long contractMillis;

    private Engine.Impl engine;
    private Part[] parts;

    /** Creates the benchmark; JMH sets its parameters. */
    public ContractBenchmark() {
    }

    /** Makes the materials. */
    @Setup
    public void setUp() {
        engine = Engine.Impl.of(impl);
        parts = Runs.consecutive(PIDS, PER_PID);
    }

    /**
     * One small run: start, purchase, drain.
     *
     * @return what the run handled, for JMH to consume
     * @throws InterruptedException if interrupted
     */
    @Benchmark
    @OperationsPerInvocation(PIDS * PER_PID)
    public long shortLivedPids() throws InterruptedException {
        return Runs.run(engine, Work.Kind.DISCARD, PIDS, parts, Runs.settings(Duration.ofMillis(contractMillis), 1000));
    }
}
