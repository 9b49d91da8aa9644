/**
 * The {@code factory} command.
 */
module io.github.loomfactory.cli {
    requires io.github.loomfactory.core;
    requires org.slf4j;

    uses io.github.loomfactory.api.Blueprint;

    provides io.github.loomfactory.api.Blueprint with io.github.loomfactory.cli.flows.FlowsBlueprint;
}
