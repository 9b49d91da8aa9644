package io.github.loomfactory.bench;

import java.io.PrintStream;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole small factory run of each workload of BENCHMARKS.md (at {@code scale} of its size),
 * self-checked like a {@link Scenarios} run, without heap measurement. Scores are milliseconds
 * per run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-preview", "-Xmx2g"})
public class ScenarioBenchmark {
    private static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());

    /** The implementation: {@code factory} or {@code baseline}. */
    @Param({"factory", "baseline"})
    public String impl;

    /** The workload. */
    @Param({"W1", "W2", "W3", "W4"})
    public String workload;

    /** The fraction of the workload's K and N to run. */
    @Param({"0.002"})
    public String scale;

    private Options options;

    /** Creates the benchmark; JMH sets its parameters. */
    public ScenarioBenchmark() {
    }

    /** Resolves the options. */
    @Setup
    public void setUp() {
        options = Options.parse("--workload", workload, "--impl", impl, "--scale", scale);
    }

    /**
     * One whole run.
     *
     * @return the products counted, for JMH to consume
     * @throws InterruptedException if interrupted
     * @throws IllegalStateException if the run failed its self-check
     */
    @Benchmark
    public long run() throws InterruptedException {
        Result result = Scenario.run(options, false, QUIET);
        if (!result.ok()) {
            throw new IllegalStateException(result.line() + ": " + result.problems());
        }
        return result.products();
    }
}
