package io.github.loomfactory.core.internal.supervision;

import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place the engine's threads come from: named threads whose uncaught failures are logged.
 * Everything is a virtual thread except the stevedore: it is one thread serving every worker, and
 * in the carriers' first-in first-out queue it would wait behind every runnable worker while the
 * transportation line fills, so it gets a platform thread that the operating system schedules
 * beside the carriers.
 *
 * <p>The engine's one interrupt convention: a method that throws {@link InterruptedException}
 * has cleared the thread's interrupt flag (as the JDK's blocking methods do: see
 * {@link #throwIfInterrupted}); a catch that does not rethrow it sets the flag again
 * ({@code Thread.currentThread().interrupt()}), so a cancelled thread ends with its flag set.
 */
public final class Threads {
    private static final Logger LOG = LoggerFactory.getLogger(Threads.class);
    private static final Thread.UncaughtExceptionHandler LOG_UNCAUGHT =
            (thread, failure) -> LOG.error("thread {} died", thread.getName(), failure);

    private Threads() {
    }

    /**
     * Throws if the calling thread was interrupted, clearing its flag, as a blocking JDK method
     * would.
     *
     * @throws InterruptedException naming {@code what} the thread was doing
     */
    public static void throwIfInterrupted(String what) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while " + what);
        }
    }

    /** Returns a factory of virtual threads that all carry {@code name}. */
    public static ThreadFactory named(String name) {
        return Thread.ofVirtual().name(name).uncaughtExceptionHandler(LOG_UNCAUGHT).factory();
    }

    /** Returns an unstarted virtual thread named {@code name}. */
    public static Thread unstarted(String name, Runnable task) {
        return Thread.ofVirtual().name(name).uncaughtExceptionHandler(LOG_UNCAUGHT).unstarted(task);
    }

    /** Returns an unstarted daemon platform thread named {@code name}. */
    public static Thread unstartedPlatform(String name, Runnable task) {
        return Thread.ofPlatform().name(name).daemon(true).uncaughtExceptionHandler(LOG_UNCAUGHT).unstarted(task);
    }

    /**
     * A thread factory whose next thread takes the name set just before the fork; used by a
     * director, the only thread that forks into its workshop, to name each worker after its pid.
     */
    public static final class Naming implements ThreadFactory {
        private String next = "worker";
        private boolean platform;

        /** Names the next thread, a virtual one; call on the forking thread right before forking. */
        public void next(String name) {
            next = name;
            platform = false;
        }

        /** Names the next thread, a platform one; call on the forking thread right before forking. */
        public void nextPlatform(String name) {
            next = name;
            platform = true;
        }

        @Override
        public Thread newThread(Runnable task) {
            return platform ? unstartedPlatform(next, task) : unstarted(next, task);
        }
    }
}
