package io.vigil.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the benchmark thread over one JMH iteration, to print operations per CPU-second next to JMH's
 * wall-clock score. On a machine shared with other work the wall-clock score falls with the share of a core the
 * thread gets; the per-CPU-second rate stays close to what one dedicated core would do. Call {@link #start} and
 * {@link #report} from {@code @Setup}/{@code @TearDown(Level.Iteration)} of a {@code Scope.Thread} state with
 * {@code @Threads(1)}: JMH runs those on the benchmark thread.
 */
final class ThreadCpu {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private long startNanos;

    void start() {
        startNanos = THREADS.getCurrentThreadCpuTime();
    }

    void report(long operations, String unit) {
        double seconds = (THREADS.getCurrentThreadCpuTime() - startNanos) / 1e9;
        System.out.printf(java.util.Locale.ROOT, " [cpu %.2f s, %,.0f %s per CPU-second]", seconds,
                operations / Math.max(seconds, 1e-9), unit);
    }
}
