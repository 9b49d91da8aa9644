/**
 * The production department, in the order a material meets it: the {@link
 * io.github.loomfactory.core.internal.production.ProductionLine} a purchase puts it on, the
 * {@link io.github.loomfactory.core.internal.production.Director} who takes it off and delivers it
 * to its pid's worker ({@code Roster} finds the worker, {@code Schedule} keeps contracts,
 * inspections and the roster cap), the worker's {@code Belt}, and the {@code Worker}, whose
 * assembly emits products to the transportation department. A {@code Workshop} is one partition:
 * its line, its director, and what the director and the workers share.
 *
 * <p>Internal to the engine: the module does not export this package.
 */
package io.github.loomfactory.core.internal.production;
