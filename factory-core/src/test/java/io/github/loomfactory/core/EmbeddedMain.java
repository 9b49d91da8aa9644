package io.github.loomfactory.core;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * A user's program as the README shows it: starts a factory, buys 100 materials, closes it and
 * prints how many products were shipped. Run by {@link EmbeddingTest} in a child JVM.
 */
final class EmbeddedMain {
    private EmbeddedMain() {
    }

    public static void main(String[] args) throws Exception {
        var shipped = new AtomicLong();
        try (var factory = Factory.builder(new Recorder(), shipment -> shipped.addAndGet(shipment.size())).start()) {
            factory.purchaseAll(IntStream.range(0, 100).mapToObj(i -> Part.of(i % 10, i / 10)).toList());
        }
        System.out.println("shipped " + shipped.get());
    }
}
