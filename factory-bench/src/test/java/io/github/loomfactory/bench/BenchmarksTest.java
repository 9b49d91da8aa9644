package io.github.loomfactory.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One invocation of each JMH benchmark runs and checks out on both implementations. */
class BenchmarksTest {

    @ParameterizedTest
    @ValueSource(strings = {"factory", "baseline"})
    void handOff(String impl) throws InterruptedException {
        var bench = new HandOffBenchmark();
        bench.impl = impl;
        bench.pids = 64;
        bench.setUp();
        assertEquals(200_000, bench.handOff(), "materials handled, nothing shipped");
    }

    @ParameterizedTest
    @ValueSource(strings = {"factory", "baseline"})
    void wakeUp(String impl) throws InterruptedException {
        var bench = new WakeUpBenchmark();
        bench.impl = impl;
        bench.pids = 100_000;
        bench.setUp();
        assertEquals(200_000, bench.wakeUp());
    }

    @ParameterizedTest
    @ValueSource(strings = {"factory", "baseline"})
    void contract(String impl) throws InterruptedException {
        var bench = new ContractBenchmark();
        bench.impl = impl;
        bench.contractMillis = 2;
        bench.setUp();
        assertEquals(100_000, bench.shortLivedPids());
    }

    @ParameterizedTest
    @ValueSource(strings = {"factory", "baseline"})
    void shipping(String impl) throws InterruptedException {
        var bench = new ShippingBenchmark();
        bench.impl = impl;
        bench.shipmentSize = 100;
        bench.setUp();
        assertTrue(bench.ship() > 200_000, "checksum plus materials handled");
    }

    @ParameterizedTest
    @ValueSource(strings = {"factory", "baseline"})
    void scenario(String impl) throws InterruptedException {
        var bench = new ScenarioBenchmark();
        bench.impl = impl;
        bench.workload = "W2";
        bench.scale = "0.002";
        bench.setUp();
        assertEquals(2_000, bench.run(), "one product per pid");
    }
}
