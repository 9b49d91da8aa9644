package io.github.loomfactory.core.internal.supervision;

import java.util.concurrent.Callable;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.StructuredTaskScope.Joiner;
import java.util.concurrent.StructuredTaskScope.Subtask;
import java.util.concurrent.ThreadFactory;

/**
 * The engine's only use of {@link StructuredTaskScope}, a preview API in JDK 25 that changes
 * between releases: moving to the next JDK touches this one class.
 *
 * <p>A scope is opened, owned and closed by one thread; only that thread may fork into it. Its
 * joiner keeps no finished subtasks (a workshop hires millions of workers over its life) and
 * cancels the scope, interrupting every thread forked into it, as soon as one fails. When the
 * owner's own body fails, the scope is cancelled the same way before it is joined and closed, so
 * no thread outlives it.
 */
public final class Structured {

    /** What the owner does while its scope is open; it may fork through {@code forker}. */
    @FunctionalInterface
    public interface Body {
        void run(Forker forker) throws Exception;
    }

    /** Forks tasks into the open scope; only the owner thread may call it. */
    @FunctionalInterface
    public interface Forker {
        /**
         * Forks {@code task}. A {@link Callable} runs as it is; a worker is one, so that none of a
         * million parked workers carries an adapter or its stack frame.
         */
        void fork(Callable<?> task);

        /** Forks {@code task}, adapted to a {@link Callable}. */
        default void fork(Runnable task) {
            fork(() -> {
                task.run();
                return null;
            });
        }
    }

    private Structured() {
    }

    /**
     * Opens a scope named {@code name} whose threads come from {@code threads}, runs
     * {@code body} on the calling thread, then waits for every forked thread.
     *
     * @throws Exception the body's failure, or else the first failure of a forked thread
     */
    public static void run(String name, ThreadFactory threads, Body body) throws Exception {
        var joiner = new FailFast();
        var scope = StructuredTaskScope.open(joiner, config -> config.withName(name).withThreadFactory(threads));
        Throwable failure = null;
        try {
            try {
                body.run(task -> scope.fork(task));
            } catch (Exception bodyFailure) {
                cancel(scope, bodyFailure);
                throw bodyFailure;
            } catch (Error bodyFailure) {
                cancel(scope, bodyFailure);
                throw bodyFailure;
            }
            try {
                scope.join();
            } catch (StructuredTaskScope.FailedException failed) {
                switch (failed.getCause()) {
                    case Exception e -> throw e;
                    case Error e -> throw e;
                    case null, default -> throw failed;
                }
            }
        } catch (Exception | Error e) {
            failure = e;
            throw e;
        } finally {
            close(scope, failure);
        }
    }

    /**
     * Closes {@code scope}; if that throws while {@code failure} is already on its way, adds it to
     * {@code failure} as suppressed, unless it is the very same throwable (an out-of-memory error
     * the JVM preallocated is thrown again and again), which try-with-resources would refuse
     * with "Self-suppression not permitted" and so hide the real failure.
     */
    private static void close(StructuredTaskScope<Object, Void> scope, Throwable failure) {
        try {
            scope.close();
        } catch (RuntimeException | Error e) {
            if (failure == null) {
                throw e;
            }
            suppress(failure, e);
        }
    }

    /** Adds {@code later} to {@code first} as suppressed, unless they are the same throwable. */
    public static void suppress(Throwable first, Throwable later) {
        if (first != later) {
            first.addSuppressed(later);
        }
    }

    private static void cancel(StructuredTaskScope<Object, Void> scope, Throwable bodyFailure) {
        scope.fork(() -> {
            throw new CancelledByOwner(bodyFailure);
        });
        joinQuietly(scope);
    }

    private static void joinQuietly(StructuredTaskScope<Object, Void> scope) {
        boolean interrupted = Thread.interrupted();
        while (true) {
            try {
                scope.join();
                break;
            } catch (StructuredTaskScope.FailedException expected) {
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Cancels on the first failure and keeps only that failure. */
    private static final class FailFast implements Joiner<Object, Void> {
        private volatile Throwable firstFailure;

        @Override
        public boolean onComplete(Subtask<?> subtask) {
            if (subtask.state() != Subtask.State.FAILED) {
                return false;
            }
            synchronized (this) {
                if (firstFailure == null) {
                    firstFailure = subtask.exception();
                }
            }
            return true;
        }

        @Override
        public Void result() throws Throwable {
            Throwable failure = firstFailure;
            if (failure instanceof CancelledByOwner cancelled) {
                throw cancelled.getCause();
            }
            if (failure != null) {
                throw failure;
            }
            return null;
        }
    }

    /** Forked by an owner whose body failed, to cancel its scope. */
    private static final class CancelledByOwner extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CancelledByOwner(Throwable cause) {
            super(cause);
        }
    }
}
