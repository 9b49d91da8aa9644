package io.github.loomfactory.cli;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the stop signals (SIGINT, SIGTERM, SIGHUP) the process gets while a run lasts, in the
 * signal path itself: each signal's handler is wrapped, so the first signal still goes to the
 * JVM's own handler (which starts the shutdown, and so the run's shutdown hook, and sets the exit
 * code 128 + the signal's number), and any further one calls {@code onRepeat} instead.
 *
 * <p>It uses {@code sun.misc.Signal} of the {@code jdk.unsupported} module, the JDK's supported
 * way for now to handle signals from Java, through method handles: javac warns about every
 * mention of {@code sun.misc} and the build turns warnings into errors.
 *
 * <p>A signal whose handler cannot be replaced (the JVM runs with {@code -Xrs}, the platform has
 * no such signal, the signal is ignored as for a background job, or {@code jdk.unsupported} is
 * missing) is left alone: the run still drains on it, it just cannot be aborted by repeating it.
 *
 * <p>Thread-safe: handlers run on threads the JVM starts for each signal.
 */
final class StopSignals implements AutoCloseable {
    private static final List<String> STOPS = List.of("INT", "TERM", "HUP");
    private static final Api API = Api.find();

    private final Runnable onRepeat;
    private final AtomicInteger count = new AtomicInteger();
    private final List<Object> signals = new ArrayList<>();
    private final List<Object> previous = new ArrayList<>();
    private volatile String first;

    private StopSignals(Runnable onRepeat) {
        this.onRepeat = onRepeat;
    }

    /** Wraps the handlers of the stop signals until {@link #close()}; {@code onRepeat} runs on each signal after the first. */
    static StopSignals install(Runnable onRepeat) {
        var installed = new StopSignals(onRepeat);
        if (API != null) {
            Object handler = API.handler(installed::handle);
            for (String name : STOPS) {
                installed.wrap(name, handler);
            }
        }
        return installed;
    }

    private synchronized void wrap(String name, Object handler) {
        try {
            Object signal = API.signal(name);
            Object before = API.handle(signal, handler);
            if (before == API.ignore || before == API.byDefault) {
                API.handle(signal, before); // ignored, or no handler of the JVM's to pass it on to: leave it
                return;
            }
            signals.add(signal);
            previous.add(before);
        } catch (IllegalArgumentException unavailable) {
            // no such signal here, or the JVM keeps it (-Xrs): the shutdown hook alone sees it
        }
    }

    private void handle(Object signal) {
        if (count.incrementAndGet() == 1) {
            first = "SIG" + API.name(signal);
            Object before = previousOf(signal);
            if (before != null) {
                API.pass(before, signal);
            }
        } else {
            onRepeat.run();
        }
    }

    private synchronized Object previousOf(Object signal) {
        int number = API.number(signal);
        for (int i = 0; i < signals.size(); i++) {
            if (API.number(signals.get(i)) == number) {
                return previous.get(i);
            }
        }
        return null;
    }

    /** Returns how many stop signals came so far. */
    int count() {
        return count.get();
    }

    /** Returns the name of the first stop signal, such as {@code "SIGINT"}, or null if none came. */
    String first() {
        return first;
    }

    /** Gives each signal the handler it had before {@link #install}. */
    @Override
    public synchronized void close() {
        for (int i = 0; i < signals.size(); i++) {
            API.handle(signals.get(i), previous.get(i));
        }
        signals.clear();
        previous.clear();
    }

    /** {@code sun.misc.Signal} and {@code SignalHandler}, reached by method handles. */
    private record Api(Class<?> handlerType, MethodHandle newSignal, MethodHandle handle, MethodHandle name,
            MethodHandle number, MethodHandle pass, Object ignore, Object byDefault) {

        /** Returns the API, or null if {@code jdk.unsupported} is not there. */
        static Api find() {
            try {
                var lookup = MethodHandles.publicLookup();
                Class<?> signal = Class.forName("sun.misc.Signal");
                Class<?> handler = Class.forName("sun.misc.SignalHandler");
                return new Api(handler,
                        lookup.findConstructor(signal, MethodType.methodType(void.class, String.class)),
                        lookup.findStatic(signal, "handle", MethodType.methodType(handler, signal, handler)),
                        lookup.findVirtual(signal, "getName", MethodType.methodType(String.class)),
                        lookup.findVirtual(signal, "getNumber", MethodType.methodType(int.class)),
                        lookup.findVirtual(handler, "handle", MethodType.methodType(void.class, signal)),
                        handler.getField("SIG_IGN").get(null),
                        handler.getField("SIG_DFL").get(null));
            } catch (ReflectiveOperationException | RuntimeException missing) {
                return null;
            }
        }

        /** A {@code SignalHandler} that calls {@code onSignal} with the signal. */
        Object handler(java.util.function.Consumer<Object> onSignal) {
            return Proxy.newProxyInstance(handlerType.getClassLoader(), new Class<?>[] {handlerType}, (proxy, method, args) ->
                    switch (method.getName()) {
                        case "handle" -> {
                            onSignal.accept(args[0]);
                            yield null;
                        }
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        default -> "StopSignals.handler";
                    });
        }

        Object signal(String name) {
            return call(newSignal, name);
        }

        Object handle(Object signal, Object handler) {
            return call(handle, signal, handler);
        }

        String name(Object signal) {
            return (String) call(name, signal);
        }

        int number(Object signal) {
            return (Integer) call(number, signal);
        }

        void pass(Object handler, Object signal) {
            call(pass, handler, signal);
        }

        private static Object call(MethodHandle target, Object... args) {
            try {
                return target.invokeWithArguments(args);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable checked) {
                throw new IllegalStateException(checked);
            }
        }
    }
}
