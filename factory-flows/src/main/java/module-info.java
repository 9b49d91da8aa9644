/**
 * A flow-meter library on Loom Factory: capture readers
 * ({@link io.github.loomfactory.flows.capture}), {@link io.github.loomfactory.flows.Packet packets},
 * {@link io.github.loomfactory.flows.FlowKey flow keys} and the {@code flows} blueprint
 * ({@link io.github.loomfactory.flows.FlowsBlueprint}), which assembles packets into
 * bidirectional {@link io.github.loomfactory.flows.FlowRecord flow records}.
 *
 * <p>The blueprint is also a service: the {@code factory} command finds it with
 * {@link java.util.ServiceLoader} as the built-in {@code flows}.
 */
module io.github.loomfactory.flows {
    requires transitive io.github.loomfactory.api;

    exports io.github.loomfactory.flows;
    exports io.github.loomfactory.flows.capture;

    provides io.github.loomfactory.api.Blueprint with io.github.loomfactory.flows.FlowsBlueprint;
}
