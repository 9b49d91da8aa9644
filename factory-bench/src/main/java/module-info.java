/**
 * Benchmarks of Loom Factory.
 */
module io.github.loomfactory.bench {
    requires io.github.loomfactory.core;
}
