package io.vigil.soc.incident;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.contract.Contact;
import io.vigil.soc.contract.Contract;
import io.vigil.soc.contract.Contracts;
import io.vigil.soc.contract.EscalationStep;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Acts on the escalation chain of each tenant's contract: when a step is due for an unfinished incident (its delay
 * since the incident's creation has passed, {@link Contract#escalationsDue}), the incident moves up to the step's
 * tier (never down) and the step's contact is told. Each step is done once: the timeline entry
 * {@value #ACTION} that records it is stored with the tier change in one update, and a step whose entry is in the
 * timeline is not done again, after a restart neither. A step is known by its delay, tier and contact, so changing a
 * step in the contract makes it a new step.
 */
public final class ContractEscalation {

    /** The timeline action that records a step of the contract's escalation chain. */
    public static final String ACTION = "contract-escalation";

    private final CaseWork work;
    private final Incidents incidents;
    private final Contracts contracts;
    private final IncidentListener listener;
    private final Clock clock;

    public ContractEscalation(CaseWork work, Incidents incidents, Contracts contracts, IncidentListener listener,
                              Clock clock) {
        this.work = Objects.requireNonNull(work, "work");
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.contracts = Objects.requireNonNull(contracts, "contracts");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The key of a step in the timeline: delay, tier and contact. */
    static String key(EscalationStep step) {
        return "after " + step.after() + " to " + step.tier() + (step.contact().isEmpty() ? "" : " contact " + step.contact());
    }

    static boolean done(Incident incident, EscalationStep step) {
        String prefix = key(step) + ":";
        return incident.timeline().stream().anyMatch(e -> e.action().equals(ACTION) && e.detail().startsWith(prefix));
    }

    /** Does every step that came due (at most {@code limit} incidents looked at); returns the incidents changed. */
    public List<Incident> runOnce(int limit) {
        Instant now = clock.instant();
        Map<TenantId, Contract> contractOf = new HashMap<>();
        List<Incident> changed = new ArrayList<>();
        for (Incident open : incidents.openAcrossTenants(limit)) {
            Contract contract = contractOf.computeIfAbsent(open.tenant(), contracts::effective);
            List<EscalationStep> due = contract.escalationsDue(open.priority(), Duration.between(open.createdAt(), now));
            for (EscalationStep step : due) {
                if (done(open, step)) {
                    continue;
                }
                try {
                    step(contract, open, step).ifPresent(changed::add);
                } catch (IllegalArgumentException | IncidentNotFoundException e) {
                    // finished or removed meanwhile: nothing to do
                }
            }
        }
        return changed;
    }

    private Optional<Incident> step(Contract contract, Incident open, EscalationStep step) {
        Optional<Contact> contact = contract.contacts().stream().filter(c -> c.id().equals(step.contact())).findFirst();
        String reason = "contract escalation " + step.after() + " after opening: " + step.tier()
                + contact.map(c -> ", contact " + c.name() + (c.role().isEmpty() ? "" : " (" + c.role() + ")")).orElse("");
        boolean[] moved = new boolean[1];
        Incident after = work.change(open.tenant(), open.id(), i -> {
            if (i.state().isFinished() || done(i, step)) {
                throw new IllegalArgumentException("nothing to do");
            }
            Instant now = clock.instant();
            Incident.Builder b = i.edit();
            moved[0] = step.tier().compareTo(i.tier()) > 0;
            if (moved[0]) {
                b.tier(now, CaseWork.SYSTEM, step.tier(), reason).escalated();
            }
            return b.log(now, CaseWork.SYSTEM, ACTION, key(step) + ": " + (moved[0] ? "moved to " + step.tier()
                    : "already at " + i.tier()) + contact.map(c -> "; told " + c.id()
                    + (c.email().isEmpty() ? " (no e-mail address; phone " + c.phone() + ")" : " at " + c.email())).orElse(""))
                    .build();
        });
        if (moved[0]) {
            listener.escalated(after, reason);
        }
        contact.ifPresent(c -> listener.contactEscalated(after, c, reason));
        return Optional.of(after);
    }
}
