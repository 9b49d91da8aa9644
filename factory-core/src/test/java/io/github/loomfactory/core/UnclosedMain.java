package io.github.loomfactory.core;

import java.util.stream.IntStream;

/**
 * A program that forgets to close its factory: buys 100 materials and returns from main. Its
 * warehouse prints each shipment's size when it receives it. Run by {@link EmbeddingTest}.
 */
final class UnclosedMain {
    private UnclosedMain() {
    }

    public static void main(String[] args) throws Exception {
        var factory = Factory.builder(new Recorder(), shipment -> System.out.println("received " + shipment.size())).start();
        factory.purchaseAll(IntStream.range(0, 100).mapToObj(i -> Part.of(i % 10, i / 10)).toList());
    }
}
