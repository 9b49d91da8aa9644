package io.github.loomfactory.core.internal.production;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.loomfactory.core.Key;
import io.github.loomfactory.core.Part;
import io.github.loomfactory.core.Piece;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.NoSuchElementException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The roster behaves as an access-ordered {@link LinkedHashMap} from pid to worker would: the
 * same workers, found by the same pids, in the same order of last activity, through hash
 * collisions (pids are {@link Key}s, four to a hash code), table growth and removals anywhere.
 */
class RosterProperties {

    /** One step on both the roster and the model. */
    record Step(Op op, int key) {
        enum Op { TOUCH_OR_ADD, REMOVE, RETIRE_ELDEST }

        @Override
        public String toString() {
            return op + "(k" + key + ")";
        }
    }

    @Property(tries = 200)
    void aRosterKeepsTheWorkersAndOrderOfAnAccessOrderedMap(@ForAll("steps") List<Step> steps,
            @ForAll boolean clearHalfway) {
        var roster = new Roster<Worker<Part, Piece>>();
        var model = new LinkedHashMap<Object, Worker<Part, Piece>>(16, 0.75f, true);
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (clearHalfway && i == steps.size() / 2) {
                roster.clear();
                model.clear();
            }
            Key pid = new Key(step.key());
            switch (step.op()) {
                case TOUCH_OR_ADD -> {
                    Worker<Part, Piece> found = roster.touch(pid);
                    assertSame(model.get(pid), found, () -> "touch " + pid);
                    if (found == null) {
                        var worker = new Worker<Part, Piece>(pid, null);
                        roster.add(worker);
                        model.put(pid, worker);
                    }
                }
                case REMOVE -> {
                    Worker<Part, Piece> worker = model.remove(pid);
                    if (worker != null) {
                        roster.remove(worker);
                    }
                }
                case RETIRE_ELDEST -> {
                    var eldest = model.values().stream().findFirst().orElse(null);
                    assertSame(eldest, roster.eldest(), "eldest");
                    if (eldest != null) {
                        roster.remove(eldest);
                        model.remove(eldest.pid);
                    }
                }
            }
            assertEquals(model.size(), roster.size(), () -> "size after " + step);
            assertEquals(model.isEmpty(), roster.isEmpty());
        }
        var inOrder = new ArrayList<Worker<Part, Piece>>();
        roster.forEach(inOrder::add);
        assertEquals(List.copyOf(model.values()), inOrder, "workers from least to most recently active");
        for (var entry : model.entrySet()) {
            assertSame(entry.getValue(), roster.touch(entry.getKey()), () -> "found again: " + entry.getKey());
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step.Op> ops = Arbitraries.frequency(
                Tuple.of(20, Step.Op.TOUCH_OR_ADD),
                Tuple.of(2, Step.Op.REMOVE),
                Tuple.of(1, Step.Op.RETIRE_ELDEST));
        Arbitrary<Integer> keys = Arbitraries.oneOf(Arbitraries.integers().between(0, 15),
                Arbitraries.integers().between(0, 5000));
        Arbitrary<Step> step = Combinators.combine(ops, keys).as(Step::new);
        // short runs shrink well; long ones grow rosters past a few table sizes
        return Arbitraries.oneOf(step.list().ofMaxSize(200), step.list().ofMinSize(2000).ofMaxSize(4000));
    }

    @Example
    void anEmptyRosterHasNoEldestAndIteratesNothing() {
        var roster = new Roster<Worker<Part, Piece>>();
        assertSame(null, roster.eldest());
        assertSame(null, roster.touch("p"));
        var iterator = roster.iterator();
        assertEquals(false, iterator.hasNext());
        assertThrows(NoSuchElementException.class, iterator::next);
    }
}
