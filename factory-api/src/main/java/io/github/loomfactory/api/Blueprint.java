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
 * {@snippet :
 * public record Reading(String sensor, long value) implements Material {
 *     public Object pid() { return sensor; }
 * }
 *
 * public record Total(String sensor, long count, long sum) implements Product {
 *     public String pclass() { return "totals"; }
 * }
 *
 * public final class Totals implements Blueprint<Reading, Total> {
 *     public String name() { return "totals"; }
 *     public Class<Reading> materialType() { return Reading.class; }
 *     public Class<Total> productType() { return Total.class; }
 *
 *     public Assembly<Reading, Total> newAssembly(Object pid) {
 *         return new Assembly<>() {
 *             long count;
 *             long sum;
 *
 *             public void accept(Reading reading, Emitter<Total> out) {
 *                 count++;
 *                 sum += reading.value();
 *             }
 *
 *             public void retire(Retirement reason, Emitter<Total> out) {
 *                 out.emit(new Total((String) pid, count, sum));
 *             }
 *         };
 *     }
 * }
 * }
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
