package io.vigil.server.soc.incident;

import io.vigil.server.config.PeriodicJob;
import io.vigil.soc.contract.Contracts;
import io.vigil.soc.incident.CaseWork;
import io.vigil.soc.incident.ContractEscalation;
import io.vigil.soc.incident.Incident;
import io.vigil.soc.notify.Notifier;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code vigil.incidents.work-interval}: does the steps of the contracts' escalation chains that came due,
 * escalates incidents that stayed too long in their tier (for priorities without a chain in the contract), then sends
 * the notifications that are due. A failure is logged and the work retried at the next run.
 */
final class SocWorker extends PeriodicJob {

    private static final Logger log = LoggerFactory.getLogger(SocWorker.class);
    static final int BATCH = 500;

    private final CaseWork work;
    private final ContractEscalation escalation;
    private final Contracts contracts;
    private final Notifier notifier;
    private final Duration interval;

    SocWorker(CaseWork work, ContractEscalation escalation, Contracts contracts, Notifier notifier, Duration interval) {
        super("vigil-soc-worker");
        this.work = work;
        this.escalation = escalation;
        this.contracts = contracts;
        this.notifier = notifier;
        this.interval = interval;
    }

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
}
