package io.github.loomfactory.core;

import io.github.loomfactory.api.Blueprint;
import io.github.loomfactory.api.FactoryException;
import io.github.loomfactory.api.Material;
import io.github.loomfactory.api.Product;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every department of one factory shares: settings, blueprint, counters, the
 * transportation line, the failure policy and the first fatal failure.
 */
final class Plant<M extends Material, P extends Product> {
    private static final Logger LOG = LoggerFactory.getLogger(Factory.class);
    private static final int LOUD_FAILURES = 100;

    final FactorySettings settings;
    final Blueprint<M, P> blueprint;
    final Consumer<? super Rejection<M>> deadLetters;
    final Tally tally = new Tally();
    final Remnants<M, P> leftovers = new Remnants<>();
    final TransportationLine<P> transport;
    final PurchaseClock purchaseClock;
    /** Settled positions of durable sources' lanes. */
    final Ledger ledger;
    final long contractMillis;

    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Told once, on the first failure: stops the production departments (the transport drains). */
    private volatile Runnable stopProduction = () -> { };
    private final AtomicLong logged = new AtomicLong();
    /** Event time: the latest material time purchased so far, published after its material. */
    private final AtomicLong watermark = new AtomicLong(Long.MIN_VALUE);
    /** Event time: the first material time purchased, published before its material; where inspection ticks count from. */
    private final AtomicLong origin = new AtomicLong(Schedule.NO_TIME);

    Plant(FactorySettings settings, Blueprint<M, P> blueprint, Consumer<? super Rejection<M>> deadLetters) {
        this.settings = settings;
        this.blueprint = blueprint;
        this.deadLetters = deadLetters;
        // the stevedore polls every few milliseconds anyway, so it is woken only for a full batch
        this.transport = new TransportationLine<>(settings.transportCapacity(), Math.min(settings.shipmentSize(), settings.transportCapacity() / 2));
        this.contractMillis = Math.max(1, settings.contract().toMillis());
        this.purchaseClock = new PurchaseClock(settings.clock());
        this.ledger = new Ledger(settings.clock());
    }

    /**
     * Records the first fatal failure, the one {@code close()} rethrows; later ones (usually its
     * consequences, such as cancelled threads) are only logged at debug level.
     */
    void fail(Throwable cause) {
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
    void onFailureStop(Runnable stop) {
        this.stopProduction = stop;
    }

    boolean failed() {
        return failure.get() != null;
    }

    Throwable failure() {
        return failure.get();
    }

    long watermark() {
        return watermark.get();
    }

    /** Event time: the first material time purchased, or {@link Schedule#NO_TIME} before it. */
    long origin() {
        return origin.get();
    }

    /** Event time: marks {@code millis} as the origin if it is the first; call before the material is offered. */
    void markOrigin(long millis) {
        if (origin.get() == Schedule.NO_TIME) {
            origin.compareAndSet(Schedule.NO_TIME, millis);
        }
    }

    void advanceWatermark(long millis) {
        long seen = watermark.get();
        while (millis > seen && !watermark.compareAndSet(seen, millis)) {
            seen = watermark.get();
        }
    }

    /**
     * A material's assembly threw: apply the failure policy. Under {@code REJECT} the material is
     * handed to the dead-letter handler; under {@code FAIL} too, and then the factory fails.
     *
     * @throws FactoryException under {@code FAIL}, to stop the calling worker
     */
    void rejected(M material, Object pid, Exception cause) {
        Flight.rejected(pid, cause);
        deadLetter(material, pid, cause);
        if (settings.failurePolicy() == FailurePolicy.FAIL) {
            var fatal = new FactoryException("blueprint '" + blueprint.name() + "' failed on pid " + pid + ": " + cause, cause);
            fail(fatal);
            throw fatal;
        }
        complain("blueprint '{}' rejected a material of pid {}: {}", blueprint.name(), pid, cause);
    }

    /**
     * An inspection or retirement threw: apply the failure policy. A retirement that threw may
     * have left products unmade, so it is also handed to the dead-letter handler, as a
     * {@linkplain Rejection#ofRetirement rejection without a material}.
     *
     * @throws FactoryException under {@code FAIL}, to stop the calling worker
     */
    void failed(String what, Object pid, Exception cause) {
        tally.failures.increment();
        if (what.equals("retirement")) {
            handOver(Rejection.ofRetirement(pid, cause), null);
        }
        Flight.failed(what, pid, cause);
        if (settings.failurePolicy() == FailurePolicy.FAIL) {
            var fatal = new FactoryException("blueprint '" + blueprint.name() + "' failed in " + what + " of pid " + pid + ": " + cause, cause);
            fail(fatal);
            throw fatal;
        }
        complain("blueprint '{}' failed in " + what + " of pid {}: {}", blueprint.name(), pid, cause);
    }

    /**
     * Hands {@code material} to the dead-letter handler and counts it as rejected. If the handler
     * throws, the material is kept for the leftovers instead and the factory fails: a material is
     * never dropped.
     *
     * @return true if the handler took it
     */
    boolean deadLetter(M material, Object pid, Throwable cause) {
        return handOver(new Rejection<>(material, pid, cause), material);
    }

    private boolean handOver(Rejection<M> rejection, M material) {
        try {
            deadLetters.accept(rejection);
            tally.rejected.increment();
            return true;
        } catch (RuntimeException e) {
            if (material != null) {
                leftovers.refused.add(material);
            }
            fail(new FactoryException("the dead-letter handler failed on " + rejection + ": " + e, e));
            return false;
        }
    }

    private void complain(String format, Object name, Object pid, Exception cause) {
        long n = logged.incrementAndGet();
        if (n <= LOUD_FAILURES) {
            LOG.warn(format, name, pid, cause.toString());
            if (n == LOUD_FAILURES) {
                LOG.warn("{} blueprint failures logged; further ones are counted and logged at debug level", n);
            }
        } else {
            LOG.debug(format, name, pid, cause.toString(), cause);
        }
    }
}
