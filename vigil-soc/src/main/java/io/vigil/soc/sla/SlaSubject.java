package io.vigil.soc.sla;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.IncidentState;
import io.vigil.soc.Priority;
import io.vigil.soc.StateChange;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What the SLA and regulatory clocks need to know about one incident: the incidents store hands these out
 * through {@link SlaSubjects}.
 *
 * @param priority     the incident's current priority; its targets apply to the whole life of the incident
 * @param firstEventAt the time of the earliest event behind the incident (for MTTD), or null when there is
 *                     none (a silent log source, an incident opened by hand)
 * @param createdAt    when the incident was opened: both SLA clocks start here
 * @param history      every state change in time order; the first is the creation ({@code null → NEW})
 */
public record SlaSubject(TenantId tenant, UUID incidentId, Priority priority, Instant firstEventAt,
                         Instant createdAt, List<StateChange> history) {

    public SlaSubject {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(createdAt, "createdAt");
        history = List.copyOf(history);
        for (int i = 1; i < history.size(); i++) {
            if (history.get(i).at().isBefore(history.get(i - 1).at())) {
                throw new IllegalArgumentException("history of incident " + incidentId + " is not in time order at "
                        + history.get(i).at());
            }
        }
    }

    /** The state the incident is in now (the last change), {@code NEW} without history. */
    public IncidentState state() {
        return history.isEmpty() ? IncidentState.NEW : history.getLast().to();
    }

    /** The first time the incident left {@code NEW} (acknowledged or any later state), if it has. */
    public Optional<Instant> acknowledgedAt() {
        return history.stream().filter(c -> c.to() != IncidentState.NEW).map(StateChange::at).findFirst();
    }

    /** When the incident was resolved or closed, if it is now (a reopened incident is not). */
    public Optional<Instant> finishedAt() {
        return state().isFinished() && !history.isEmpty() ? Optional.of(history.getLast().at()) : Optional.empty();
    }

    /** The first time the incident became resolved or closed, if it has. */
    public Optional<Instant> resolvedAt() {
        return history.stream().filter(c -> c.to().isFinished()).map(StateChange::at).findFirst();
    }
}
