package io.github.loomfactory.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.loomfactory.core.FactorySettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command in process: options, help, usage errors, the catalog of blueprints. */
class MainTest {
    @TempDir
    static Path shared;
    static Path plugins;
    static Path clashing;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void buildPlugins() throws IOException, InterruptedException {
        plugins = shared.resolve("plugins");
        Path readings = TestPlugins.jar(shared, plugins, "readings", TestPlugins.READINGS);
        clashing = shared.resolve("clashing");
        TestPlugins.jar(shared, clashing, "readings", TestPlugins.READINGS);
        TestPlugins.jar(shared, clashing, "impostor", TestPlugins.IMPOSTOR, readings);
    }

    private int run(String... args) {
        return runWithInput("", args);
    }

    private int runWithInput(String stdin, String... args) {
        var io = new Io(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return Main.run(args, io);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void versionNamesTheBuild() {
        assertEquals(0, run("--version"));
        assertTrue(out().startsWith("factory 0.1.0-SNAPSHOT\nJava 25"), out());
    }

    @Test
    void helpShowsTheEnginesOwnDefaults() {
        assertEquals(0, run("run", "--help"));

        FactorySettings defaults = FactorySettings.defaults();
        String help = out().replaceAll("\\s+", " ");
        assertTrue(help.contains("Default: " + Durations.format(defaults.contract())), help);
        assertTrue(help.contains("Default: from the heap: heap / 2048 over all lines (at most " + FactorySettings.DEFAULT_LINES
                + "), at least 256 each."), help);
        assertTrue(help.contains("Default: " + defaults.workshops() + " (the cores)"), help);
        assertTrue(help.contains("Default: from the heap: what half the heap leaves after the lines, at ~2 KB per worker"), help);
        assertTrue(help.contains("--failure-policy") && help.contains("Default: reject."), help);
        assertTrue(help.contains("--warehouse=URI"), help);
    }

    @Test
    void topLevelHelpDescribesEachCommandInAWholeSentence() {
        assertEquals(0, run("--help"));

        List<String> commands = out().lines().dropWhile(line -> !line.equals("Commands:")).skip(1)
                .takeWhile(line -> !line.isBlank()).toList();
        assertEquals(3, commands.size(), out());
        for (String command : commands) {
            assertTrue(command.endsWith("."), "cut mid-sentence: " + command);
        }
    }

    @Test
    void demoHelpShowsItsOwnDefaults() {
        assertEquals(0, run("demo", "--help"));
        String help = out().replaceAll("\\s+", " ");
        assertTrue(help.contains("Stop after N seconds; 0 to run until Ctrl-C. Default: 10."), help);
        assertTrue(help.contains("never. Default: 1s."), "inspections every second for flows: " + help);
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(2, run());
        assertEquals("factory: say which command to run: demo, run or blueprints\nTry 'factory --help'.\n", err());
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheOption() {
        assertEquals(2, run("run", "--blueprint", "flows", "--contract", "0s"));
        assertEquals("factory: --contract must be positive: PT0S\n", err());
        err.reset();
        assertEquals(2, run("run", "--blueprint", "flows", "--roster-cap", "0"));
        assertEquals("factory: --roster-cap must be at least 1: 0\n", err());
        err.reset();
        assertEquals(2, run("run", "--blueprint", "flows", "--workshops", "4", "--roster-cap", "3"));
        assertEquals("factory: --roster-cap must be at least the number of workshops (4) so that every workshop can hire: 3\n", err());
        err.reset();
        assertEquals(2, run("run", "--blueprint", "flows", "--shipment-age", "0s"));
        assertEquals("factory: --shipment-age must be positive: PT0S\n", err());
        err.reset();
        assertEquals(2, run("demo", "--hosts", "0"));
        assertTrue(err().startsWith("factory: --hosts must be in 1.."), err());
        err.reset();
        assertEquals(2, run("run", "--blueprint", "flows", "--contract", "soon"));
        assertTrue(err().startsWith("factory: Invalid value for option '--contract': 'soon' is not a duration: write e.g. 250ms, 5s, 2m, 1h or PT5S"),
                err());
        err.reset();
        assertEquals(2, run("run", "--blueprint", "flows", "--warehouse", "xml:out"));
        assertEquals("factory: --warehouse must be jsonl:DIR, csv:DIR, postgresql://USER@HOST:PORT/DB[?table=T&key=C1,C2&schema=S]"
                + " or duckdb:PATH[?table=T&key=C1,C2], not 'xml:out'\n", err());
        err.reset();
        assertEquals(2, run("run", "--blueprint", "flows", "--input", "data.txt"));
        assertEquals("factory: cannot tell the format of data.txt from its name: add --format jsonl, csv or pcap\n", err());
        err.reset();
        assertEquals(2, run("run", "--input", "x.jsonl"));
        assertTrue(err().startsWith("factory: Missing required option: '--blueprint=NAME'"), err());
        err.reset();
        assertEquals(2, run("run", "--blueprint", "flows", "--plugins", dir.resolve("none").toString()));
        assertEquals("factory: plugins not found: " + dir.resolve("none") + " (--plugins takes a directory of plugin jars or one .jar file)\n",
                err());
    }

    @Test
    void pcapNeedsAPacketBlueprint() throws IOException {
        Files.writeString(dir.resolve("x.pcap"), "");
        assertEquals(2, run("run", "--plugins", plugins.toString(), "--blueprint", "strict", "--input", dir.resolve("x.pcap").toString()));
        assertEquals("factory: --format pcap needs a blueprint whose material type is io.github.loomfactory.flows.Packet;"
                + " 'strict' takes org.example.plugins.Reading\n", err());
    }

    @Test
    void aFileThatIsNotPcapIsAUsageError() throws IOException {
        Files.writeString(dir.resolve("x.pcap"), "this is not a capture at all, but long enough for a header");
        assertEquals(2, run("run", "--blueprint", "flows", "--input", dir.resolve("x.pcap").toString(),
                "--warehouse", "jsonl:" + dir.resolve("out")));
        assertEquals("factory: x.pcap: not a pcap, pcapng or gzip capture: it starts with 0x74686973\n", err());
    }

    @Test
    void blueprintsListsBuiltInAndPluginBlueprintsWithTheirSource() {
        assertEquals(0, run("blueprints", "--plugins", plugins.toString()));

        String[] lines = out().split("\n");
        assertEquals(6, lines.length, out());
        assertTrue(lines[0].matches("NAME +MATERIAL +PRODUCT +SOURCE"), lines[0]);
        assertTrue(lines[1].matches("books +org.example.plugins.Reading +org.example.plugins.Total +.*readings.jar"), lines[1]);
        assertTrue(lines[2].matches("flows +io.github.loomfactory.flows.Packet +io.github.loomfactory.flows.FlowRecord +built-in"), lines[2]);
        assertTrue(lines[3].matches("scatter +org.example.plugins.Reading +org.example.plugins.Total +.*readings.jar"), lines[3]);
        assertTrue(lines[4].startsWith("sleepy "), lines[4]);
        assertTrue(lines[5].startsWith("strict "), lines[5]);
    }

    @Test
    void twoBlueprintsWithOneNameAreAnErrorNamingBoth() {
        assertEquals(2, run("blueprints", "--plugins", clashing.toString()));

        assertEquals("factory: two blueprints are named 'flows': one from built-in, one from " + clashing.resolve("impostor.jar")
                + "; remove one of them\n", err());
    }

    @Test
    void runReadsTheStandardInputInProcess() throws IOException {
        Path out = dir.resolve("out");
        int code = runWithInput("{\"sensor\":\"a\",\"value\":1}\n{\"sensor\":\"a\",\"value\":2}\n",
                "run", "--plugins", plugins.toString(), "--blueprint", "strict", "--warehouse", "csv:" + out, "--contract", "1h");

        assertEquals(0, code, err());
        assertEquals("sensor,count,sum,bay\na,2,3,totals\n", Files.readString(out.resolve("totals.csv")));
        assertTrue(out().lines().toList().getLast().startsWith("done after "), "the summary is the last line: " + out());
        assertFalse(Files.exists(out.resolve(Rejects.FILE_NAME)), "no rejects, no reject file");
    }

    @Test
    void durationsReadAndPrintTheShortWay() {
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertEquals(Duration.ofSeconds(5), Durations.parse("PT5S"));
        assertEquals(Duration.ZERO, Durations.parse("0"));
        assertEquals("5s", Durations.format(Duration.ofSeconds(5)));
        assertEquals("30m", Durations.format(Duration.ofMinutes(30)));
        assertEquals("100ms", Durations.format(Duration.ofMillis(100)));
        assertEquals("0s", Durations.format(Duration.ZERO));
    }
}
