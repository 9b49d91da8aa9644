package io.github.loomfactory.core;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Emitter;
import io.github.loomfactory.api.Retirement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A blueprint that records everything the engine does to its assemblies, and notes every breach
 * of the rules it can see from inside: overlapping callbacks of one pid (an {@link AtomicInteger}
 * per pid), an assembly called from a second thread, a thread that is not a worker's (a virtual
 * thread named {@code worker-<pid>}, or {@code workshop-N/worker} without worker names), a
 * callback after retirement.
 *
 * <p>Each material is recorded when it is handed over ({@link PidLog#handed}) and again when
 * {@code accept} returns normally ({@link PidLog#completed}); tests hook in before the material's
 * products are emitted ({@link #beforeAccept}), after ({@link #afterEmit}), before retiring
 * ({@link #beforeRetire}) and on inspection ({@link #onInspect}) to block or throw.
 */
public final class Recorder implements Blueprint<Part, Piece> {
    private static final java.util.regex.Pattern WORKER = java.util.regex.Pattern.compile("workshop-\\d+/worker");

    /** Runs before an assembly handles a material; may block or throw. */
    @FunctionalInterface
    public interface AcceptHook {
        void on(Part part) throws Exception;
    }

    /** Runs before an assembly retires; may block or throw. */
    @FunctionalInterface
    public interface RetireHook {
        void on(Object pid, Retirement reason) throws Exception;
    }

    /** Runs when an assembly is inspected; may emit, block or throw. */
    @FunctionalInterface
    public interface InspectHook {
        void on(Object pid, Instant now, Emitter<Piece> out) throws Exception;
    }

    /** What happened to one pid, over all its assemblies. */
    static final class PidLog {
        public final AtomicInteger inside = new AtomicInteger();
        public final AtomicInteger assemblies = new AtomicInteger();
        public final AtomicLong serial = new AtomicLong();
        public final List<Integer> handed = Collections.synchronizedList(new ArrayList<>());
        public final List<Integer> completed = Collections.synchronizedList(new ArrayList<>());
        public final List<Retirement> retirements = Collections.synchronizedList(new ArrayList<>());
        public final List<Instant> inspections = Collections.synchronizedList(new ArrayList<>());
        public final List<String> events = Collections.synchronizedList(new ArrayList<>());

        public List<Integer> handed() {
            synchronized (handed) {
                return List.copyOf(handed);
            }
        }

        public List<String> events() {
            synchronized (events) {
                return List.copyOf(events);
            }
        }

        public List<Retirement> retirements() {
            synchronized (retirements) {
                return List.copyOf(retirements);
            }
        }
    }

    final Map<Object, PidLog> pids = new ConcurrentHashMap<>();
    public final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    public final ConcurrentLinkedQueue<Piece> emitted = new ConcurrentLinkedQueue<>();
    public final AtomicLong handed = new AtomicLong();
    public final AtomicLong completed = new AtomicLong();
    public final AtomicLong retired = new AtomicLong();
    public final AtomicLong created = new AtomicLong();
    private final int pclasses;

    public volatile AcceptHook beforeAccept = part -> { };
    public volatile AcceptHook afterEmit = part -> { };
    public volatile RetireHook beforeRetire = (pid, reason) -> { };
    public volatile InspectHook onInspect = (pid, now, out) -> { };

    /** A recorder whose products fall into {@code pclasses} classes {@code c0, c1, ...}. */
    public Recorder(int pclasses) {
        this.pclasses = pclasses;
    }

    public Recorder() {
        this(1);
    }

    PidLog log(Object pid) {
        return pids.computeIfAbsent(pid, any -> new PidLog());
    }

    @Override
    public String name() {
        return "recorder";
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
    public Assembly<Part, Piece> newAssembly(Object pid) {
        created.incrementAndGet();
        return new Recording(pid, log(pid));
    }

    /** One worker's assembly. */
    private final class Recording implements Assembly<Part, Piece> {
        private final Object pid;
        private final PidLog log;
        private final int number;
        private Thread thread;
        private boolean retired;
        private int count;

        Recording(Object pid, PidLog log) {
            this.pid = pid;
            this.log = log;
            this.number = log.assemblies.incrementAndGet();
        }

        @Override
        public void accept(Part part, Emitter<Piece> out) throws Exception {
            enter("accept " + part);
            try {
                if (!part.pid().equals(pid)) {
                    violations.add("assembly of " + pid + " got " + part);
                }
                log.handed.add(part.seq());
                handed.incrementAndGet();
                log.events.add("accept " + part.seq() + " by #" + number);
                beforeAccept.on(part);
                count++;
                for (int j = 0; j < part.fanout(); j++) {
                    emit(out, "c" + Math.floorMod(part.seq() + j, pclasses), part.seq() + "." + j);
                }
                afterEmit.on(part);
                log.completed.add(part.seq());
                completed.incrementAndGet();
            } finally {
                exit();
            }
        }

        @Override
        public void inspect(Instant now, Emitter<Piece> out) throws Exception {
            enter("inspect " + now);
            try {
                log.inspections.add(now);
                log.events.add("inspect " + now.toEpochMilli() + " by #" + number);
                onInspect.on(pid, now, out);
            } finally {
                exit();
            }
        }

        @Override
        public void retire(Retirement reason, Emitter<Piece> out) throws Exception {
            enter("retire " + reason);
            try {
                retired = true;
                Recorder.this.retired.incrementAndGet();
                log.retirements.add(reason);
                log.events.add("retire " + reason + " by #" + number);
                beforeRetire.on(pid, reason);
                emit(out, "c0", "retired " + reason + " after " + count);
                log.events.add("retired by #" + number);
            } finally {
                exit();
            }
        }

        private void emit(Emitter<Piece> out, String pclass, String note) {
            var piece = new Piece(pid, log.serial.getAndIncrement(), pclass, note);
            emitted.add(piece);
            out.emit(piece);
        }

        private void enter(String what) {
            Thread current = Thread.currentThread();
            if (log.inside.incrementAndGet() != 1) {
                violations.add(pid + ": " + what + " overlaps another callback of the same pid");
            }
            if (thread == null) {
                thread = current;
            } else if (thread != current) {
                violations.add(pid + ": " + what + " on " + current + ", not on " + thread);
            }
            if (!current.isVirtual() || !(current.getName().equals("worker-" + pid) || WORKER.matcher(current.getName()).matches())) {
                violations.add(pid + ": " + what + " on " + current);
            }
            if (retired) {
                violations.add(pid + ": " + what + " after retirement");
            }
        }

        private void exit() {
            log.inside.decrementAndGet();
        }
    }

    /** Returns the first ten breaches seen, and how many more there were. */
    public List<String> violations() {
        List<String> all = new ArrayList<>(violations);
        if (all.size() <= 10) {
            return all;
        }
        List<String> first = new ArrayList<>(all.subList(0, 10));
        first.add("... and " + (all.size() - 10) + " more");
        return first;
    }
}
