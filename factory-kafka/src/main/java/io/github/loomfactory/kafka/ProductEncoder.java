package io.github.loomfactory.kafka;

import io.github.loomfactory.api.Product;

/**
 * How a {@link KafkaWarehouse} turns a product into a Kafka record: its key (the product's pid,
 * so that one pid's products stay in one partition, in order) and its value. Called on the
 * factory's shipping thread only.
 *
 * @param <P> the product type
 */
public interface ProductEncoder<P extends Product> {

    /**
     * Returns the record key of {@code product}: its pid, encoded.
     *
     * @param product the product
     * @return the key bytes; an empty array for no key
     */
    byte[] key(P product);

    /**
     * Returns the record value of {@code product}.
     *
     * @param product the product
     * @return the value bytes
     */
    byte[] value(P product);
}
