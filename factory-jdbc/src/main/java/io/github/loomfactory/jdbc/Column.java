package io.github.loomfactory.jdbc;

import java.lang.invoke.MethodHandle;

/**
 * One column of a product table: a record component's name, its column type, and the handle that
 * reads it from a product (typed {@code (Object)Object}, primitives boxed).
 */
record Column(String name, Class<?> javaType, ColumnType type, MethodHandle reader) {

    /** Reads this column's value from {@code product}; null where the component is null. */
    Object read(Object product) {
        try {
            return reader.invokeExact(product);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read component " + name + " of " + product.getClass().getName() + ": " + e, e);
        }
    }
}
