package io.github.loomfactory.bench;

/**
 * The W1-W4 scenario runner of BENCHMARKS.md (issue 5 brings it).
 */
public final class Scenarios {
    private Scenarios() {
    }

    /**
     * Runs a scenario.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.err.println("Scenarios: arrives with issue 5");
        System.exit(2);
    }
}
