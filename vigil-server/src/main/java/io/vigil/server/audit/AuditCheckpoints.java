package io.vigil.server.audit;

import io.vigil.store.audit.JdbcAuditLog;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Signs a checkpoint of the audit log at a fixed interval when it grew, and a last one at shutdown. */
final class AuditCheckpoints implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditCheckpoints.class);

    private final JdbcAuditLog log;
    private final ScheduledExecutorService timer;

    AuditCheckpoints(JdbcAuditLog log, Duration interval) {
        this.log = log;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-checkpoints");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(this::checkpoint, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void checkpoint() {
        try {
            log.checkpoint().ifPresent(c -> LOG.debug("Audit checkpoint signed at entry {}", c.seq()));
        } catch (RuntimeException e) {
            // The next tick tries again; entries stay linked meanwhile, only unsigned for longer.
            LOG.warn("Signing an audit checkpoint failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(10, TimeUnit.SECONDS);
        checkpoint();
    }
}
