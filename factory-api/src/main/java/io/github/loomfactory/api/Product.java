package io.github.loomfactory.api;

/**
 * An output record, made by an {@link Assembly} and shipped to a {@link Warehouse}.
 *
 * <p>The engine groups products by {@link #pclass()} into bays and ships each bay as one
 * {@link Shipment}. A product is made on a worker's thread and read by the shipping thread; it
 * should be immutable.
 */
public interface Product {

    /**
     * Returns the product class: the name of the warehouse bay this product is shipped to.
     *
     * <p>Warehouses may use it as a file or table name, so keep it short and plain (the file
     * warehouses of the CLI make any value safe, but {@code "tcp"} reads better than
     * {@code "../tcp"}).
     *
     * @return the product class, never {@code null}
     */
    String pclass();
}
