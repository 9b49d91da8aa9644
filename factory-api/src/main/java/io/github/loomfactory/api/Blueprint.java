package io.github.loomfactory.api;

/**
 * How materials of one pid become products: the user's logic, plugged into the factory.
 *
 * <p>A blueprint is a stateless factory of {@link Assembly assemblies}: the engine calls
 * {@link #newAssembly(Object)} whenever it hires a worker for a pid, possibly from many threads
 * at once, so {@code newAssembly} must be thread-safe. All per-pid state lives in the assembly.
 *
 * <p>The {@code factory} command finds blueprints with {@link java.util.ServiceLoader}; such a
 * blueprint needs a public no-argument constructor (or a public static {@code provider()}
 * method) and is named on the command line by {@link #name()}.
 *
 * <p>A complete small blueprint that sums the values of each sensor and emits one total per
 * sensor when its worker retires:
 * {@snippet file="io/github/loomfactory/api/BlueprintSnippetTest.java" region="blueprint"}
 *
 * @param <M> the material type this blueprint consumes
 * @param <P> the product type it produces
 */
public interface Blueprint<M extends Material, P extends Product> {

    /**
     * Returns the name this blueprint is known by, e.g. on the command line. Lower case letters,
     * digits and dashes read best.
     *
     * @return the blueprint's name
     */
    String name();

    /**
     * Returns the class of the materials this blueprint consumes, so that a host (such as the CLI)
     * can decode input records into it (a record with a canonical constructor decodes from JSON
     * Lines and CSV out of the box).
     *
     * @return the material class
     */
    Class<M> materialType();

    /**
     * Returns the class of the products this blueprint makes, so that a host can encode them.
     *
     * @return the product class
     */
    Class<P> productType();

    /**
     * Creates the assembly of a newly hired worker for {@code pid}. Thread-safe.
     *
     * @param pid the pid the worker serves, as returned by {@link Material#pid()}
     * @return a fresh assembly, owning no state shared with other assemblies
     */
    Assembly<M, P> newAssembly(Object pid);

    /**
     * Returns whether this blueprint's assemblies keep nothing of a material once
     * {@link Assembly#accept} has returned: every product a material is owed is emitted in its own
     * {@code accept} call, and {@link Assembly#inspect} and {@link Assembly#retire} emit nothing
     * that depends on it. A map (one material in, its products out) keeps nothing; a blueprint
     * that folds materials into per-pid state and emits it later keeps something.
     *
     * <p>It matters to durable sources (say, Kafka): a material bought with a position is
     * <em>settled</em>, so that its position may be committed, once nothing that depends on it can
     * still be lost. By default that is when its worker has retired and the worker's products were
     * shipped, which is safe for any blueprint. A blueprint that returns {@code true} lets its
     * materials settle as soon as the products of their {@code accept} calls are shipped, while the
     * worker lives on: commits follow the warehouse closely, and a crash repeats less. Return
     * {@code true} only if it holds: a material of an assembly that does keep state would then be
     * committed before that state reached the warehouse, and a crash would lose it.
     *
     * <p>Read once, before the first {@link #newAssembly}. The default is {@code false}: settle at
     * retirement.
     *
     * @return true if materials may settle once the products of their {@code accept} are shipped
     */
    default boolean keepsNothing() {
        return false;
    }

    /**
     * Returns this blueprint configured with {@code options}, as a host passes them (the
     * {@code factory} command's {@code --set key=value} and {@code --options FILE}). Called once,
     * before the first {@link #newAssembly}; the blueprint it returns (this one, or a new one) is
     * the one that runs. Check the keys with {@link Options#requireKnown}, so that a misspelt key
     * is an error rather than ignored.
     *
     * <p>The default accepts only empty options: a blueprint that takes none says so.
     *
     * @param options the options; {@link Options#empty()} when none were given
     * @return the configured blueprint
     * @throws IllegalArgumentException if a key is unknown or a value is bad, with a message that
     *     names it
     */
    default Blueprint<M, P> configure(Options options) {
        if (!options.isEmpty()) {
            throw new IllegalArgumentException("blueprint '" + name() + "' takes no options, but was given " + options.keys());
        }
        return this;
    }
}
