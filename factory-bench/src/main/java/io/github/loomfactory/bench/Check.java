package io.github.loomfactory.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The self-check of a run: compares what the warehouse counted and what the order check saw with
 * what the source says must come out. A run with any problem reports {@code ok=false}.
 */
final class Check {
    private Check() {
    }

    /**
     * Returns what is wrong with a finished run, one line per problem; empty if nothing is.
     *
     * @param expected the source's tally
     * @param warehouse the run's warehouse, after the engine closed
     * @param order the run's order check
     */
    static List<String> problems(Expected expected, CountingWarehouse warehouse, OrderCheck order) {
        var problems = new ArrayList<String>();
        if (order.violations() != 0) {
            problems.add(order.violations() + " materials arrived out of order (seq != last + 1)");
        }
        if (warehouse.products() != expected.products()) {
            problems.add("products: counted " + warehouse.products() + ", expected " + expected.products());
        }
        for (int c = 0; c < Pclasses.COUNT; c++) {
            if (warehouse.products(c) != expected.products(c)) {
                problems.add("products of pclass c" + c + ": counted " + warehouse.products(c) + ", expected "
                        + expected.products(c));
            }
        }
        if (warehouse.units() != expected.materials()) {
            problems.add("materials in products: counted " + warehouse.units() + ", expected " + expected.materials());
        }
        if (warehouse.checksum() != expected.checksum()) {
            problems.add("checksum: counted " + warehouse.checksum() + ", expected " + expected.checksum());
        }
        if (warehouse.misfiled() != 0) {
            problems.add(warehouse.misfiled() + " products shipped in a bay that is not their pclass");
        }
        if (!warehouse.closed()) {
            problems.add("the warehouse was not closed");
        }
        return problems;
    }
}
