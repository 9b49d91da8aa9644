package io.github.loomfactory.cli;

/**
 * The {@code factory} command's entry point (issue 4 brings its commands).
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs the command.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.err.println("factory: the command line arrives with issue 4");
        System.exit(2);
    }
}
