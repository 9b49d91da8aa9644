package io.github.loomfactory.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.loomfactory.api.Assembly;
import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.Emitter;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import io.github.loomfactory.api.Retirement;
import io.github.loomfactory.api.Shipment;
import io.github.loomfactory.api.Warehouse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A million materials over a hundred thousand live pids, interleaved: counts, per-pid order and
 * a checksum of everything that reaches the warehouse. No timing is asserted.
 */
@Timeout(120)
class StressTest {
    private static final int PIDS = 100_000;
    private static final int ROUNDS = 10;
    private static final int MATERIALS = PIDS * ROUNDS;

    /** The {@code seq}-th material of {@code pid}. */
    record Unit(Integer pid, int seq) implements Material {
        @Override
        public String toString() {
            return pid + "#" + seq;
        }
    }

    /** An echo of one unit, or (with {@code seq < 0}) a pid's total when its worker retires. */
    record Echo(int pid, int seq, long count, long checksum, boolean ordered) implements Product {
        @Override
        public String pclass() {
            return seq < 0 ? "totals" : "echoes";
        }
    }

    static long checksum(int pid, int seq) {
        return pid * 1_000_003L + seq * 7L + 1;
    }

    /** Round {@code r} visits every pid once, in a different scrambled order each round. */
    static Iterable<Unit> units() {
        return () -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < MATERIALS;
            }

            @Override
            public Unit next() {
                int round = next / PIDS;
                int index = next % PIDS;
                next++;
                int pid = (int) ((index * 7919L + round * 31L) % PIDS);
                return new Unit(pid, round);
            }
        };
    }

    static final class Echoes implements Blueprint<Unit, Echo> {
        @Override
        public String name() {
            return "echoes";
        }

        @Override
        public Class<Unit> materialType() {
            return Unit.class;
        }

        @Override
        public Class<Echo> productType() {
            return Echo.class;
        }

        @Override
        public Assembly<Unit, Echo> newAssembly(Object pid) {
            int id = (Integer) pid;
            return new Assembly<>() {
                long count;
                long checksum;
                int last = -1;
                boolean ordered = true;

                @Override
                public void accept(Unit unit, Emitter<Echo> out) {
                    ordered &= unit.seq() == last + 1;
                    last = unit.seq();
                    count++;
                    checksum += checksum(id, unit.seq());
                    out.emit(new Echo(id, unit.seq(), 1, checksum(id, unit.seq()), true));
                }

                @Override
                public void retire(Retirement reason, Emitter<Echo> out) {
                    out.emit(new Echo(id, -1, count, checksum, ordered));
                }
            };
        }
    }

    /** Checks as it receives: one thread calls it, so plain fields do. */
    static final class Checker implements Warehouse<Echo> {
        final int[] nextEcho = new int[PIDS];
        final int[] totals = new int[PIDS];
        final List<String> problems = new ArrayList<>();
        long echoes;
        long echoChecksum;
        long totalCount;
        long totalChecksum;

        @Override
        public void close() {
        }

        @Override
        public void receive(Shipment<Echo> shipment) {
            for (Echo echo : shipment.products()) {
                if (echo.seq() >= 0) {
                    if (echo.seq() != nextEcho[echo.pid()]++ && problems.size() < 10) {
                        problems.add("echo " + echo + " out of order");
                    }
                    echoes++;
                    echoChecksum += echo.checksum();
                } else {
                    totals[echo.pid()]++;
                    totalCount += echo.count();
                    totalChecksum += echo.checksum();
                    if (!echo.ordered() && problems.size() < 10) {
                        problems.add("materials of " + echo.pid() + " out of order");
                    }
                }
            }
        }
    }

    @Test
    void millionMaterialsOverAHundredThousandPidsArriveOnceInOrderWithTheirChecksum() throws Exception {
        long expectedChecksum = 0;
        for (int pid = 0; pid < PIDS; pid++) {
            for (int seq = 0; seq < ROUNDS; seq++) {
                expectedChecksum += checksum(pid, seq);
            }
        }
        var checker = new Checker();
        var settings = FactorySettings.builder()
                .clock(new ManualClock())
                .statusInterval(Duration.ZERO)
                .build();
        var factory = Factory.builder(new Echoes(), checker).settings(settings).start();
        try (factory) {
            assertEquals(MATERIALS, factory.purchaseAll(units()));
        }
        assertEquals(List.of(), checker.problems);
        assertEquals(MATERIALS, checker.echoes);
        assertEquals(expectedChecksum, checker.echoChecksum);
        assertEquals(MATERIALS, checker.totalCount);
        assertEquals(expectedChecksum, checker.totalChecksum);
        int[] ten = new int[PIDS];
        Arrays.fill(ten, ROUNDS);
        assertEquals(Arrays.toString(ten), Arrays.toString(checker.nextEcho), "echoes per pid");
        var stats = factory.stats();
        assertEquals(PIDS, stats.hires(), "one worker per pid: no contract expired on the still clock");
        assertEquals(PIDS, stats.retirements());
        assertEquals(MATERIALS, stats.processed());
        assertEquals(MATERIALS + PIDS, stats.shipped());
        for (int pid = 0; pid < PIDS; pid++) {
            assertEquals(1, checker.totals[pid], "totals of pid " + pid);
        }
    }
}
