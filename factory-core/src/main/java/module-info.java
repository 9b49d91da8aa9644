/**
 * The Loom Factory engine: runs a {@link io.github.loomfactory.api.Blueprint} over a stream of
 * materials with one virtual thread per live pid, one structured task scope per workshop.
 *
 * <p>Start with {@link io.github.loomfactory.core.Factory#builder}. Uses
 * {@code java.util.concurrent.StructuredTaskScope}, a preview API in JDK 25: run with
 * {@code --enable-preview}.
 */
module io.github.loomfactory.core {
    requires jdk.jfr;
    requires transitive io.github.loomfactory.api;
    requires org.slf4j;

    exports io.github.loomfactory.core;
}
