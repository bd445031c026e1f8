package io.vigil.server.access;

import io.vigil.store.access.AccessRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every {@code vigil.access.jit.expiry-interval}, marks undecided requests past their deadline and grants past
 * their end as expired and audits each once. Several server processes may run it at once (see
 * {@link io.vigil.store.access.AccessRequests#expireDue}). Grants stop counting at their expiry without it; it
 * keeps the table and the audit log true.
 */
final class AccessExpiry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AccessExpiry.class);

    private final JitAccess jit;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    AccessExpiry(JitAccess jit, Duration interval) {
        this.jit = jit;
        this.interval = interval;
    }

    /** One run; a failure (the database or audit log unavailable) is logged and retried at the next run. */
    void runOnce() {
        try {
            List<AccessRequest> expired = jit.expireDue();
            if (!expired.isEmpty()) {
                log.info("Just-in-time access: {} request(s) or grant(s) expired", expired.size());
            }
        } catch (RuntimeException e) {
            log.warn("Just-in-time access expiry failed; retrying in {}: {}", interval, e.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "vigil-access-expiry");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
