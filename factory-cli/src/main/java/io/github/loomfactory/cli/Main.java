package io.github.loomfactory.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code factory} command's entry point: {@code factory demo}, {@code factory run},
 * {@code factory blueprints}.
 *
 * <p>Exit codes: 0 when the run is done, 1 when it failed (the cause is printed), 2 for a
 * mistake on the command line or in what it names (a bad option, a missing file, an unknown
 * blueprint), reported as one line without a stack trace.
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs the command and exits with its code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args, Io.system()));
    }

    /** Runs the command with the given streams and returns its exit code. */
    static int run(String[] args, Io io) {
        var line = new CommandLine(new Root());
        line.addSubcommand(new DemoCommand(io));
        line.addSubcommand(new RunCommand(io));
        line.addSubcommand(new BlueprintsCommand(io));
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setUsageHelpWidth(110);
        line.setOut(new PrintWriter(io.out(), true));
        line.setErr(new PrintWriter(io.err(), true));
        line.setParameterExceptionHandler((e, arguments) -> {
            io.err().println("factory: " + e.getMessage());
            var command = e.getCommandLine().getCommandSpec().qualifiedName();
            io.err().println("Try '" + command + " --help'.");
            return 2;
        });
        line.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof UsageException) {
                io.err().println("factory: " + e.getMessage());
                return 2;
            }
            io.err().println("factory: internal error: " + e);
            if (System.getenv("FACTORY_DEBUG") != null) {
                e.printStackTrace(io.err());
            } else {
                io.err().println("(set FACTORY_DEBUG=1 for the stack trace)");
            }
            return 1;
        });
        return line.execute(args);
    }

    /** The top-level command: says how to use the subcommands. */
    @Command(name = "factory", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"Loom Factory: process a stream of keyed records with one virtual thread per live key.", ""},
            footer = {"", "Run 'factory COMMAND --help' for the options of a command.",
                "Exit codes: 0 done, 1 the run failed, 2 a mistake on the command line."})
    static final class Root implements Runnable {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "say which command to run: demo, run or blueprints");
        }
    }

    /** The version, from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"factory " + version(), "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
        }

        static String version() {
            var properties = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return properties.getProperty("version", "unknown");
        }
    }
}
