package io.github.loomfactory.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * The command's standard streams, passed in so that tests can run commands in process.
 *
 * @param in the standard input ({@code --input -})
 * @param out where status lines, summaries and listings go
 * @param err where errors and warnings go
 * @param terminal whether {@code out} is a terminal (status redrawn in place)
 */
record Io(InputStream in, PrintStream out, PrintStream err, boolean terminal) {

    /** The process's own streams. */
    static Io system() {
        return new Io(System.in, System.out, System.err, Status.stdoutIsTerminal());
    }
}
