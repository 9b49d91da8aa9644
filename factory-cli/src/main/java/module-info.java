/**
 * The {@code factory} command: runs blueprints found with {@link java.util.ServiceLoader} (built in,
 * or in a plugin directory) over synthetic packets, JSON Lines, CSV or pcap input, and ships their
 * products to files. Exports nothing: it is a program, run as
 * {@code java --enable-preview -m io.github.loomfactory.cli/io.github.loomfactory.cli.Main} or
 * through the {@code ./factory} launcher.
 */
module io.github.loomfactory.cli {
    requires io.github.loomfactory.core;
    requires io.github.loomfactory.flows;
    requires io.github.loomfactory.kafka;
    requires io.github.loomfactory.jdbc;
    requires org.slf4j;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires com.fasterxml.jackson.dataformat.csv;
    // the web page, /metrics and /stats.json of --http (the Prometheus client's jars are automatic modules)
    requires jdk.httpserver;
    // sun.misc.Signal: a second Ctrl-C while draining aborts the run (StopSignals)
    requires jdk.unsupported;
    requires io.prometheus.metrics.model;
    requires io.prometheus.writer.text;

    uses io.github.loomfactory.api.Blueprint;

    // picocli sets the options of the commands by reflection
    opens io.github.loomfactory.cli to info.picocli;
    opens io.github.loomfactory.cli.web to info.picocli;
}
