/**
 * An example plugin of Loom Factory: the {@code sessions} blueprint, found by the {@code factory}
 * command through {@link java.util.ServiceLoader}. It exports nothing; the command opens its
 * packages to its JSON and CSV codec itself.
 */
module io.github.loomfactory.examples.sessions {
    requires io.github.loomfactory.api;

    provides io.github.loomfactory.api.Blueprint with io.github.loomfactory.examples.sessions.Sessions;
}
