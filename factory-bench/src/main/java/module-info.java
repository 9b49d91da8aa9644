/**
 * Benchmarks of Loom Factory: JMH benchmarks of the engine's hot paths, the W1-W4 scenario
 * runner of BENCHMARKS.md with a classic partition-thread baseline to compare against, and the
 * floor of W4 on bare virtual threads; for F1 a large synthetic capture and the capture reader's
 * parse-only floor.
 *
 * <p>Runs from the shaded {@code benchmarks.jar} on the class path, with {@code --enable-preview}.
 * Exports nothing: nothing depends on this module.
 */
module io.github.loomfactory.bench {
    requires io.github.loomfactory.core;
    requires io.github.loomfactory.flows;
    requires java.management;
    requires jmh.core;
    requires io.github.loomfactory.jdbc;
    requires org.postgresql.jdbc;
    requires io.github.loomfactory.kafka;
    requires kafka.clients;
}
