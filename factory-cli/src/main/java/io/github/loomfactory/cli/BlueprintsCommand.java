package io.github.loomfactory.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code factory blueprints}: lists the blueprints found, built in and in a plugin directory. */
@Command(name = "blueprints", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "List the blueprints found: name, material type, product type, where each comes from.")
final class BlueprintsCommand implements Callable<Integer> {
    private final Io io;

    @Option(names = "--plugins", paramLabel = "DIR|JAR", description = "A directory of plugin jars, or one plugin jar.")
    Path plugins;

    BlueprintsCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        var catalog = Catalog.load(Optional.ofNullable(plugins), warning -> io.err().println("factory: " + warning));
        var rows = new java.util.ArrayList<String[]>();
        rows.add(new String[] {"NAME", "MATERIAL", "PRODUCT", "SOURCE"});
        for (var entry : catalog.entries()) {
            var blueprint = entry.blueprint();
            rows.add(new String[] {blueprint.name(), blueprint.materialType().getName(), blueprint.productType().getName(), entry.source()});
        }
        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int i = 0; i < 3; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            io.out().println(String.format("%-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2] + "s  %s", (Object[]) row).stripTrailing());
        }
        return 0;
    }
}
