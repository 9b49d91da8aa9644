package io.github.loomfactory.core;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Retirement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * A map blueprint: one product per part, emitted by its own {@code accept}; it declares that it
 * keeps nothing if built so, and may hold one pid's parts at a gate. Records the pids whose
 * workers retired.
 */
final class Mapping implements Blueprint<Part, Piece> {
    final Set<Object> retired = ConcurrentHashMap.newKeySet();
    private final boolean keepsNothing;
    private final Object gatedPid;
    private final Semaphore gate;

    Mapping(boolean keepsNothing) {
        this(keepsNothing, null, null);
    }

    /** A mapping whose {@code accept} for {@code gatedPid} (any pid if null) first takes a permit of {@code gate}. */
    Mapping(boolean keepsNothing, Object gatedPid, Semaphore gate) {
        this.keepsNothing = keepsNothing;
        this.gatedPid = gatedPid;
        this.gate = gate;
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
            public void accept(Part part, io.github.loomfactory.api.Emitter<Piece> out) throws InterruptedException {
                if (gate != null && (gatedPid == null || pid.equals(gatedPid))) {
                    gate.acquire();
                }
                out.emit(new Piece(pid, part.seq(), "mapped", part.toString()));
            }

            @Override
            public void retire(Retirement reason, io.github.loomfactory.api.Emitter<Piece> out) {
                retired.add(pid);
            }
        };
    }
}
