package io.github.loomfactory.core;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Retirement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A map blueprint: one product per part, emitted by its own {@code accept}; it declares that it
 * keeps nothing if built so. Records the pids whose workers retired.
 */
final class Mapping implements Blueprint<Part, Piece> {
    final Set<Object> retired = ConcurrentHashMap.newKeySet();
    private final boolean keepsNothing;

    Mapping(boolean keepsNothing) {
        this.keepsNothing = keepsNothing;
    }

    @Override
    public String name() {
        return keepsNothing ? "map-keeping-nothing" : "map";
    }

    @Override
    public Class<Part> materialType() {
        return Part.class;
    }

    @Override
    public Class<Piece> productType() {
        return Piece.class;
    }

    @Override
    public boolean keepsNothing() {
        return keepsNothing;
    }

    @Override
    public Assembly<Part, Piece> newAssembly(Object pid) {
        return new Assembly<>() {
            @Override
            public void accept(Part part, io.github.loomfactory.api.Emitter<Piece> out) {
                out.emit(new Piece(pid, part.seq(), "mapped", part.toString()));
            }

            @Override
            public void retire(Retirement reason, io.github.loomfactory.api.Emitter<Piece> out) {
                retired.add(pid);
            }
        };
    }
}
