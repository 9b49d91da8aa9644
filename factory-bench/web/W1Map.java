package bench.web;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Emitter;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;

/**
 * W1 of BENCHMARKS.md as a CLI plugin: each material (key = pid, seq, value) becomes one product
 * (pid, seq, value*2) of pclass c(pid % 8). web-overhead.sh compiles it against factory-api.
 */
public final class W1Map implements Blueprint<W1Map.In, W1Map.Out> {
    /** A W1 material; its pid is {@code key} (a record component named pid would clash with {@link Material#pid()}). */
    public record In(long key, long seq, long value) implements Material {
        @Override
        public Object pid() {
            return key;
        }
    }

    /** A W1 product. */
    public record Out(long pid, long seq, long value) implements Product {
        @Override
        public String pclass() {
            return "c" + pid % 8;
        }
    }

    @Override
    public String name() {
        return "w1";
    }

    @Override
    public Class<In> materialType() {
        return In.class;
    }

    @Override
    public Class<Out> productType() {
        return Out.class;
    }

    @Override
    public Assembly<In, Out> newAssembly(Object pid) {
        return new Assembly<>() {
            @Override
            public void accept(In in, Emitter<Out> out) {
                out.emit(new Out(in.key(), in.seq(), in.value() * 2));
            }
        };
    }
}
