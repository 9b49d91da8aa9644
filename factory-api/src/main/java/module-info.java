/**
 * The Loom Factory API: what a plugin author implements and what the engine hands back.
 *
 * <p>A {@link io.github.loomfactory.api.Blueprint} turns one key's
 * {@link io.github.loomfactory.api.Material materials} into
 * {@link io.github.loomfactory.api.Product products}, which the engine ships in batches to a
 * {@link io.github.loomfactory.api.Warehouse}. This module needs nothing but {@code java.base} and
 * uses no preview features, so a plugin compiles against it with any JDK 25.
 *
 * <p>Blueprints are found by the {@code factory} command through {@link java.util.ServiceLoader}:
 * a plugin module declares {@code provides io.github.loomfactory.api.Blueprint with ...;} (and
 * ships {@code META-INF/services/io.github.loomfactory.api.Blueprint} for the class path).
 */
module io.github.loomfactory.api {
    exports io.github.loomfactory.api;
}
