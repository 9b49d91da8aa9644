package io.github.loomfactory.core;

import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place the engine's threads come from: named virtual threads whose uncaught failures
 * are logged.
 */
final class Threads {
    private static final Logger LOG = LoggerFactory.getLogger(Threads.class);
    private static final Thread.UncaughtExceptionHandler LOG_UNCAUGHT =
            (thread, failure) -> LOG.error("thread {} died", thread.getName(), failure);

    private Threads() {
    }

    /** Returns a factory of virtual threads that all carry {@code name}. */
    static ThreadFactory named(String name) {
        return Thread.ofVirtual().name(name).uncaughtExceptionHandler(LOG_UNCAUGHT).factory();
    }

    /** Returns an unstarted virtual thread named {@code name}. */
    static Thread unstarted(String name, Runnable task) {
        return Thread.ofVirtual().name(name).uncaughtExceptionHandler(LOG_UNCAUGHT).unstarted(task);
    }

    /**
     * A thread factory whose next thread takes the name set just before the fork; used by a
     * director, the only thread that forks into its workshop, to name each worker after its pid.
     */
    static final class Naming implements ThreadFactory {
        private String next = "worker";

        /** Names the next thread; call on the forking thread right before forking. */
        void next(String name) {
            next = name;
        }

        @Override
        public Thread newThread(Runnable task) {
            return unstarted(next, task);
        }
    }
}
