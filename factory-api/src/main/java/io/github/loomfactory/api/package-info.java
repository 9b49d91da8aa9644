/**
 * The published interfaces of Loom Factory: {@link io.github.loomfactory.api.Material},
 * {@link io.github.loomfactory.api.Product}, {@link io.github.loomfactory.api.Blueprint} (with the
 * per-worker {@link io.github.loomfactory.api.Assembly} it creates) and
 * {@link io.github.loomfactory.api.Warehouse}, plus the small types they need.
 *
 * <p>Unless a type says otherwise, no method accepts or returns {@code null}.
 */
package io.github.loomfactory.api;
