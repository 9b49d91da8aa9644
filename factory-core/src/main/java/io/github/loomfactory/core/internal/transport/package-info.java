/**
 * The transportation department: the one {@link
 * io.github.loomfactory.core.internal.transport.TransportationLine} every worker hands its
 * products to, the {@link io.github.loomfactory.core.internal.transport.Stevedore} who stows them
 * by pclass into bays, and the {@link io.github.loomfactory.core.internal.transport.Driver} who
 * ships full or aged bays to the warehouse, retrying on the factory's clock.
 *
 * <p>Internal to the engine: the module does not export this package.
 */
package io.github.loomfactory.core.internal.transport;
