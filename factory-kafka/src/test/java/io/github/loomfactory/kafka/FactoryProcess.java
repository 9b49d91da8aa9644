package io.github.loomfactory.kafka;

import io.github.loomfactory.core.Factory;
import io.github.loomfactory.core.FactorySettings;
import java.time.Duration;
import java.util.List;

/**
 * A factory process for the multi-process tests, run as a child JVM: buys readings from group
 * {@code GROUP} on {@code TOPIC}, doubles them, writes them to topic {@code OUT} (pclass "c0"/"c1"
 * under prefix {@code OUT}), and exits 0 after no record arrived for {@code IDLE_MS}; killed with
 * SIGKILL by the tests mid-run. Prints "subscribed" once its source runs and a summary at the end.
 *
 * <p>Arguments: {@code SERVERS TOPIC GROUP OUT IDLE_MS}.
 */
public final class FactoryProcess {
    private FactoryProcess() {
    }

    public static void main(String[] args) throws Exception {
        String servers = args[0];
        String topic = args[1];
        String group = args[2];
        String out = args[3];
        Duration idle = Duration.ofMillis(Long.parseLong(args[4]));
        var warehouse = KafkaWarehouse.create(KafkaWarehouseSettings.of(servers, out), Doubled.ENCODER);
        var factory = Factory.builder(new Doubling(), warehouse)
                .settings(FactorySettings.builder().contract(Duration.ofMillis(200)).shipmentAge(Duration.ofMillis(50))
                        .statusInterval(Duration.ZERO).build())
                .start();
        var source = KafkaSource.start(KafkaSourceSettings.of(servers, List.of(topic), group).commitInterval(Duration.ofMillis(200))
                        .with("session.timeout.ms", "6000").with("heartbeat.interval.ms", "500"),
                record -> Reading.decode(record.value()), factory, poison -> System.err.println("poison " + poison.address()));
        System.out.println("subscribed");
        System.out.flush();
        long nextStatus = System.nanoTime();
        while (source.idle().compareTo(idle) < 0 && source.failure().isEmpty()) {
            if (System.nanoTime() - nextStatus >= 0) { // what a failed test shows of this child's run, once a second
                System.out.println(java.time.LocalTime.now() + " purchased " + factory.stats().purchased() + ", " + source.stats());
                nextStatus = System.nanoTime() + 1_000_000_000L;
            }
            Thread.sleep(50);
        }
        System.out.println(java.time.LocalTime.now() + " idle: closing");
        source.stopPurchasing();
        factory.close();
        source.close();
        System.out.println(java.time.LocalTime.now() + " done: purchased " + factory.stats().purchased() + ", committed " + source.stats().committed());
        // what the tests print when a run ends early: how the source saw its end
        System.out.println("source: " + source.stats() + (source.failure().isPresent() ? ", failed: " + source.failure().get() : ""));
    }
}
