package io.vigil.server.soc.incident;

import io.vigil.soc.contract.Contracts;
import io.vigil.soc.incident.CaseWork;
import io.vigil.soc.incident.ContractEscalation;
import io.vigil.soc.incident.Incident;
import io.vigil.soc.notify.Notifier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Every {@code vigil.incidents.work-interval}: does the steps of the contracts' escalation chains that came due,
 * escalates incidents that stayed too long in their tier (for priorities without a chain in the contract), then sends
 * the notifications that are due. A failure is logged and the work retried at the next run.
 */
final class SocWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SocWorker.class);
    static final int BATCH = 500;

    private final CaseWork work;
    private final ContractEscalation escalation;
    private final Contracts contracts;
    private final Notifier notifier;
    private final Duration interval;
    private ScheduledExecutorService scheduler;

    SocWorker(CaseWork work, ContractEscalation escalation, Contracts contracts, Notifier notifier, Duration interval) {
        this.work = work;
        this.escalation = escalation;
        this.contracts = contracts;
        this.notifier = notifier;
        this.interval = interval;
    }

    void runOnce() {
        try {
            List<Incident> stepped = escalation.runOnce(5000);
            if (!stepped.isEmpty()) {
                log.info("Contract escalation: {} step(s) done", stepped.size());
            }
            List<Incident> escalated = work.escalateOverdue(5000, contracts);
            if (!escalated.isEmpty()) {
                log.info("Automatic escalation: {} incident(s) moved up a tier", escalated.size());
            }
        } catch (RuntimeException e) {
            log.warn("Automatic escalation failed; retrying in {}: {}", interval, e.getMessage());
        }
        try {
            while (notifier.deliverDue(BATCH) == BATCH) {
                // more due: keep going
            }
        } catch (RuntimeException e) {
            log.warn("Notification delivery failed; retrying in {}: {}", interval, e.getMessage());
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "vigil-soc-worker");
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
