package io.github.loomfactory.core.internal.supervision;

import io.github.loomfactory.api.Retirement;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * The engine's JDK Flight Recorder events: a hire, a retirement and its reason, a shipment with its
 * size and latency, a rejected material, a failure. Each is named {@code io.github.loomfactory.*}
 * and filed under the category "Loom Factory", so {@code jfr print --categories "Loom Factory"}
 * shows them.
 *
 * <p>When no recording asks for an event, emitting it costs one check of a flag that JFR keeps
 * per event type: the event object is made only after {@code isEnabled()} said yes, and a pid is
 * turned into text only then. Events carry no stack trace (the engine's frames say nothing a
 * user needs), so a recording of a busy factory stays cheap.
 */
public final class Flight {
    private Flight() {
    }

    public static void hired(int workshop, Object pid) {
        if (HIRE.isEnabled()) {
            var event = new Hire();
            event.workshop = workshop;
            event.pid = String.valueOf(pid);
            event.commit();
        }
    }

    public static void retired(int workshop, Object pid, Retirement reason) {
        if (RETIREMENT.isEnabled()) {
            var event = new Retired();
            event.workshop = workshop;
            event.pid = String.valueOf(pid);
            event.reason = reason.name();
            event.commit();
        }
    }

    public static void rejected(Object pid, Throwable cause) {
        if (REJECTION.isEnabled()) {
            var event = new Rejected();
            event.pid = String.valueOf(pid);
            event.cause = String.valueOf(cause);
            event.commit();
        }
    }

    public static void failed(String what, Object pid, Throwable cause) {
        if (FAILURE.isEnabled()) {
            var event = new Failed();
            event.what = what;
            event.pid = pid == null ? null : String.valueOf(pid);
            event.cause = String.valueOf(cause);
            event.commit();
        }
    }

    /** Records a shipment the warehouse accepted, {@code latencyNanos} after its first attempt began. */
    public static void shipped(String pclass, int size, int attempts, long latencyNanos) {
        if (SHIPMENT.isEnabled()) {
            var event = new Shipped();
            event.pclass = pclass;
            event.size = size;
            event.attempts = attempts;
            event.latency = latencyNanos;
            event.commit();
        }
    }

    // one instance per type only to ask isEnabled(): never committed, so shared safely
    private static final Hire HIRE = new Hire();
    private static final Retired RETIREMENT = new Retired();
    private static final Rejected REJECTION = new Rejected();
    private static final Failed FAILURE = new Failed();
    private static final Shipped SHIPMENT = new Shipped();

    @Name("io.github.loomfactory.Hire")
    @Label("Worker Hired")
    @Category("Loom Factory")
    @Description("A workshop hired a worker (a virtual thread) for a pid that had none")
    @StackTrace(false)
    static final class Hire extends Event {
        @Label("Workshop")
        int workshop;
        @Label("Pid")
        String pid;
    }

    @Name("io.github.loomfactory.Retirement")
    @Label("Worker Retired")
    @Category("Loom Factory")
    @Description("A worker retired: its contract ran out (IDLE), the roster was at its cap (EARLY) or the factory drained (DRAIN)")
    @StackTrace(false)
    static final class Retired extends Event {
        @Label("Workshop")
        int workshop;
        @Label("Pid")
        String pid;
        @Label("Reason")
        String reason;
    }

    @Name("io.github.loomfactory.Shipment")
    @Label("Shipment")
    @Category("Loom Factory")
    @Description("The warehouse accepted a shipment; its latency runs from the first attempt to the accepted one")
    @StackTrace(false)
    static final class Shipped extends Event {
        @Label("Pclass")
        String pclass;
        @Label("Products")
        int size;
        @Label("Attempts")
        int attempts;
        @Label("Latency")
        @Timespan(Timespan.NANOSECONDS)
        long latency;
    }

    @Name("io.github.loomfactory.Rejection")
    @Label("Material Rejected")
    @Category("Loom Factory")
    @Description("An assembly threw on a material, which went to the dead-letter handler")
    @StackTrace(false)
    static final class Rejected extends Event {
        @Label("Pid")
        String pid;
        @Label("Cause")
        String cause;
    }

    @Name("io.github.loomfactory.Failure")
    @Label("Failure")
    @Category("Loom Factory")
    @Description("An inspection or retirement threw, or the factory failed")
    @StackTrace(false)
    static final class Failed extends Event {
        @Label("What")
        String what;
        @Label("Pid")
        String pid;
        @Label("Cause")
        String cause;
    }
}
