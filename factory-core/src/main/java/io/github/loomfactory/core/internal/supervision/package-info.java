/**
 * What watches over the departments: the {@code Supervisor}'s status line, the counters
 * ({@code Tally}), the failure desk ({@code Failures}: the failure policy, dead letters and the
 * first fatal failure), what cancelled threads hand back ({@code Remnants}), the heap budget,
 * the JFR events ({@code Flight}), and the threads and structured scopes every department runs in
 * ({@code Threads}, {@code Structured}, the one class that touches a preview API).
 *
 * <p>Internal to the engine: the module does not export this package.
 */
package io.github.loomfactory.core.internal.supervision;
