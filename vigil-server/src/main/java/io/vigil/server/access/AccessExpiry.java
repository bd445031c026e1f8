package io.vigil.server.access;

import io.vigil.server.config.PeriodicJob;
import io.vigil.store.access.AccessRequest;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code vigil.access.jit.expiry-interval}, marks undecided requests past their deadline and grants past
 * their end as expired and audits each once. Several server processes may run it at once (see
 * {@link io.vigil.store.access.AccessRequests#expireDue}). Grants stop counting at their expiry without it; it
 * keeps the table and the audit log true.
 */
final class AccessExpiry extends PeriodicJob {

    private static final Logger log = LoggerFactory.getLogger(AccessExpiry.class);

    private final JitAccess jit;
    private final Duration interval;

    AccessExpiry(JitAccess jit, Duration interval) {
        super("vigil-access-expiry");
        this.jit = jit;
        this.interval = interval;
    }

    /** One run; a failure (the database or audit log unavailable) is logged and retried at the next run. */
    @Override
    protected void tick() {
        runOnce();
    }

    @Override
    protected Duration interval() {
        return interval;
    }

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
}
