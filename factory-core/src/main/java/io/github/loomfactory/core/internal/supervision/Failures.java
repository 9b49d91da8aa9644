package io.github.loomfactory.core.internal.supervision;

import io.github.loomfactory.api.FactoryException;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.core.Factory;
import io.github.loomfactory.core.FailurePolicy;
import io.github.loomfactory.core.Rejection;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The factory's failure desk: applies the failure policy to what a blueprint throws, hands
 * rejected materials to the dead-letter handler, and keeps the first fatal failure, the one
 * {@code close()} rethrows. Thread-safe: every worker, director and the transportation department
 * report here.
 *
 * @param <M> the material type
 */
public final class Failures<M extends Material> {
    private static final Logger LOG = LoggerFactory.getLogger(Factory.class);
    private static final int LOUD_FAILURES = 100;

    private final FailurePolicy policy;
    private final String blueprint;
    private final Consumer<? super Rejection<M>> deadLetters;
    private final Tally tally;
    /** Where a material goes when the dead-letter handler threw on it: handed back in the leftovers. */
    private final Queue<M> refused;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Told once, on the first failure: stops the production departments (the transport drains). */
    private volatile Runnable stopProduction = () -> { };
    private final AtomicLong logged = new AtomicLong();

    public Failures(FailurePolicy policy, String blueprint, Consumer<? super Rejection<M>> deadLetters, Tally tally,
            Queue<M> refused) {
        this.policy = policy;
        this.blueprint = blueprint;
        this.deadLetters = deadLetters;
        this.tally = tally;
        this.refused = refused;
    }

    /**
     * Records the first fatal failure, the one {@code close()} rethrows; later ones (usually its
     * consequences, such as cancelled threads) are only logged at debug level.
     */
    public void fail(Throwable cause) {
        if (failure.compareAndSet(null, cause)) {
            Flight.failed("factory", null, cause);
            stopProduction.run();
        } else {
            Throwable first = failure.get();
            if (first != cause && !(cause instanceof FactoryException && cause.getCause() == first)) {
                LOG.debug("further failure after the factory failed", cause);
            }
        }
    }

    /**
     * Sets what stops production on the first failure: the workshops stop, and the products they
     * made before it still go out, since the transportation line then ends as usual.
     */
    public void onFailureStop(Runnable stop) {
        this.stopProduction = stop;
    }

    public boolean failed() {
        return failure.get() != null;
    }

    /** The first fatal failure, or null. */
    public Throwable failure() {
        return failure.get();
    }

    /**
     * A material's assembly threw: apply the failure policy. Under {@code REJECT} the material is
     * handed to the dead-letter handler; under {@code FAIL} too, and then the factory fails.
     *
     * @throws FactoryException under {@code FAIL}, to stop the calling worker
     */
    public void rejected(M material, Object pid, Exception cause) {
        Flight.rejected(pid, cause);
        deadLetter(material, pid, cause);
        if (policy == FailurePolicy.FAIL) {
            var fatal = new FactoryException("blueprint '" + blueprint + "' failed on pid " + pid + ": " + cause, cause);
            fail(fatal);
            throw fatal;
        }
        complain("blueprint '{}' rejected a material of pid {}: {}", pid, cause);
    }

    /**
     * An inspection or retirement threw: apply the failure policy. A retirement that threw may
     * have left products unmade, so it is also handed to the dead-letter handler, as a
     * {@linkplain Rejection#ofRetirement rejection without a material}.
     *
     * @throws FactoryException under {@code FAIL}, to stop the calling worker
     */
    public void failed(String what, Object pid, Exception cause) {
        tally.failures.increment();
        if (what.equals("retirement")) {
            handOver(Rejection.ofRetirement(pid, cause), null);
        }
        Flight.failed(what, pid, cause);
        if (policy == FailurePolicy.FAIL) {
            var fatal = new FactoryException("blueprint '" + blueprint + "' failed in " + what + " of pid " + pid + ": " + cause, cause);
            fail(fatal);
            throw fatal;
        }
        complain("blueprint '{}' failed in " + what + " of pid {}: {}", pid, cause);
    }

    /**
     * Hands {@code material} to the dead-letter handler and counts it as rejected. If the handler
     * throws, the material is kept for the leftovers instead and the factory fails: a material is
     * never dropped.
     *
     * @return true if the handler took it
     */
    public boolean deadLetter(M material, Object pid, Throwable cause) {
        return handOver(new Rejection<>(material, pid, cause), material);
    }

    private boolean handOver(Rejection<M> rejection, M material) {
        try {
            deadLetters.accept(rejection);
            tally.rejected.increment();
            return true;
        } catch (RuntimeException e) {
            if (material != null) {
                refused.add(material);
            }
            fail(new FactoryException("the dead-letter handler failed on " + rejection + ": " + e, e));
            return false;
        }
    }

    private void complain(String format, Object pid, Exception cause) {
        long n = logged.incrementAndGet();
        if (n <= LOUD_FAILURES) {
            LOG.warn(format, blueprint, pid, cause.toString());
            if (n == LOUD_FAILURES) {
                LOG.warn("{} blueprint failures logged; further ones are counted and logged at debug level", n);
            }
        } else {
            LOG.debug(format, blueprint, pid, cause.toString(), cause);
        }
    }
}
