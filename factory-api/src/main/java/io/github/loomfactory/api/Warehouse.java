package io.github.loomfactory.api;

/**
 * Where products end up: files, a database table, a topic.
 *
 * <p>The engine's driver calls {@link #receive(Shipment)} from a single thread, one shipment at a
 * time, so a warehouse need not be thread-safe. A shipment that throws is retried with backoff;
 * when the retries run out the failure is reported and the factory fails, never silently dropping
 * the batch. {@link #close()} is called exactly once, after the last shipment, when the factory
 * closes.
 *
 * {@snippet file="io/github/loomfactory/api/WarehouseSnippetTest.java" region="warehouse"}
 *
 * @param <P> the product type it stores
 */
@SuppressWarnings("try") // close() may throw any Exception, as AutoCloseable allows
public interface Warehouse<P extends Product> extends AutoCloseable {

    /**
     * Stores one shipment. Must not return before the products are as durable as this warehouse
     * promises (written, committed, acknowledged): the factory counts them shipped on return.
     *
     * @param shipment the products of one pclass
     * @throws Exception if they could not be stored; the driver retries the same shipment
     */
    void receive(Shipment<P> shipment) throws Exception;

    /**
     * Flushes and releases what the warehouse holds. The default does nothing.
     *
     * @throws Exception if closing fails; the factory reports it from its own close
     */
    @Override
    default void close() throws Exception {
    }
}
