package io.github.loomfactory.bench;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Emitter;
import io.github.loomfactory.api.Retirement;
import java.util.Locale;

/**
 * The blueprint of the workloads: what each material costs and which products it makes, with
 * the order check of every material. Thread-safe; its assemblies are not (one pid, one thread).
 */
final class Work implements Blueprint<Part, Output> {

    /** What an assembly does with a material. */
    enum Kind {
        /** Checks order, emits nothing (engine benchmarks). */
        DISCARD,
        /** Emits {@code (pid, seq, value * 2)} (W1, W4). */
        MAP,
        /** Folds into {@code (count, sum, min, max)}, emitted at retirement (W2). */
        FOLD,
        /** Sleeps 1 ms, then emits {@code (pid, seq, value * 2)} (W3). */
        SLEEP
    }

    private final Kind kind;
    private final OrderCheck order;
    /** The assembly of every pid for the kinds that keep no state of their own (the order check keeps it). */
    private final Assembly<Part, Output> stateless;

    Work(Kind kind, OrderCheck order) {
        this.kind = kind;
        this.order = order;
        this.stateless = switch (kind) {
            case DISCARD -> (part, out) -> order.check(part);
            case MAP -> (part, out) -> {
                order.check(part);
                out.emit(new Output.Piece(part.id(), part.seq(), part.value() * 2));
            };
            case SLEEP -> (part, out) -> {
                order.check(part);
                Thread.sleep(1);
                out.emit(new Output.Piece(part.id(), part.seq(), part.value() * 2));
            };
            case FOLD -> null;
        };
    }

    @Override
    public String name() {
        return "bench-" + kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Class<Part> materialType() {
        return Part.class;
    }

    @Override
    public Class<Output> productType() {
        return Output.class;
    }

    /** Every kind but the fold emits a material's products from its own {@code accept}: its positions settle once shipped. */
    @Override
    public boolean keepsNothing() {
        return kind != Kind.FOLD;
    }

    @Override
    public Assembly<Part, Output> newAssembly(Object pid) {
        return kind == Kind.FOLD ? new Folding((Long) pid, order) : stateless;
    }

    /** One pid's fold. */
    private static final class Folding implements Assembly<Part, Output> {
        private final long pid;
        private final OrderCheck order;
        private long count;
        private long sum;
        private long min = Long.MAX_VALUE;
        private long max = Long.MIN_VALUE;

        Folding(long pid, OrderCheck order) {
            this.pid = pid;
            this.order = order;
        }

        @Override
        public void accept(Part part, Emitter<Output> out) {
            order.check(part);
            long value = part.value();
            count++;
            sum += value;
            min = Math.min(min, value);
            max = Math.max(max, value);
        }

        @Override
        public void retire(Retirement reason, Emitter<Output> out) {
            if (count > 0) {
                out.emit(new Output.Fold(pid, count, sum, min, max));
            }
        }
    }
}
