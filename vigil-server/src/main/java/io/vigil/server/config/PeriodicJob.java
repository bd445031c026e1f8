package io.vigil.server.config;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * A background job that runs {@link #tick()} on its own daemon thread at a fixed delay while the application
 * runs (expiry of just-in-time grants, retention, escalation, SLA rounds). {@code tick} must catch and log its
 * own failures: one failed round waits for the next, it never stops the job.
 */
public abstract class PeriodicJob implements SmartLifecycle {

    private final String threadName;
    private final Object lock = new Object();
    private ScheduledExecutorService executor;

    protected PeriodicJob(String threadName) {
        this.threadName = threadName;
    }

    /** One round. */
    protected abstract void tick();

    /** The delay between the end of one round and the start of the next. */
    protected abstract Duration interval();

    /** The delay before the first round; the interval unless a job says otherwise. */
    protected Duration initialDelay() {
        return interval();
    }

    /** Whether the job runs at all in this configuration. */
    protected boolean enabled() {
        return true;
    }

    @Override
    public void start() {
        synchronized (lock) {
            if (executor != null || !enabled()) {
                return;
            }
            executor = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, threadName);
                thread.setDaemon(true);
                return thread;
            });
            executor.scheduleWithFixedDelay(this::tick, initialDelay().toMillis(), interval().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running;
        synchronized (lock) {
            running = executor;
            executor = null;
        }
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        synchronized (lock) {
            return executor != null;
        }
    }
}
