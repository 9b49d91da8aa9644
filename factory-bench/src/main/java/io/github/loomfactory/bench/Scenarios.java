package io.github.loomfactory.bench;

import java.io.PrintStream;

/**
 * The scenario runner: runs one workload of BENCHMARKS.md end to end and prints its one result
 * line on stdout (progress and problems go to stderr).
 *
 * {@snippet lang=sh :
 * java -Xmx8g --enable-preview -cp factory-bench/target/benchmarks.jar \
 *     io.github.loomfactory.bench.Scenarios --workload W1 --scale 0.1 --impl factory
 * }
 *
 * <p>Options: {@code --workload W1|W2|W3|W4} (required), {@code --k}, {@code --n},
 * {@code --contract} (ms), {@code --workshops}, {@code --scale} (multiplies K and N),
 * {@code --impl factory|baseline}. Exits 0 if the run checked out, 1 if it did not, 2 on a bad
 * command line.
 */
public final class Scenarios {
    private Scenarios() {
    }

    /**
     * Runs the workload named on the command line.
     *
     * @param args the command line
     * @throws InterruptedException if interrupted while purchasing
     */
    public static void main(String[] args) throws InterruptedException {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs a command line, printing the result line to {@code out}; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("Scenarios: " + e.getMessage());
            err.println(Options.USAGE);
            return 2;
        }
        Result result = Scenario.run(options, true, err);
        for (String problem : result.problems()) {
            err.println("check failed: " + problem);
        }
        out.println(result.line());
        out.flush();
        return result.ok() ? 0 : 1;
    }
}
