package io.github.loomfactory.core;

import io.github.loomfactory.api.Product;

/**
 * A test product: the {@code serial}-th product emitted for {@code pid} (counted over all its
 * assemblies), of {@code pclass}, saying what made it in {@code note}.
 */
public record Piece(Object pid, long serial, String pclass, String note) implements Product {

    @Override
    public String toString() {
        return pid + "/" + serial + ":" + pclass + "(" + note + ")";
    }
}
