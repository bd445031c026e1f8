package io.vigil.store.soc.incident;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.incident.Incident;
import io.vigil.soc.sla.SlaSubject;
import io.vigil.soc.sla.SlaSubjects;
import io.vigil.store.CrossTenant;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The incidents as the SLA and regulatory clocks see them: priority, first event, creation and the ordered state
 * history of each, read from {@link JdbcIncidents}.
 */
public final class IncidentSlaSubjects implements SlaSubjects {

    /** Bounds one scheduler round and one month's compliance report; beyond it the oldest are read first. */
    static final int MAX_SUBJECTS = 20_000;

    private final JdbcIncidents incidents;

    public IncidentSlaSubjects(JdbcIncidents incidents) {
        this.incidents = incidents;
    }

    @Override
    @CrossTenant("the SLA scheduler serves the whole installation; each subject carries its tenant")
    public List<SlaSubject> active() {
        return incidents.openAcrossTenants(MAX_SUBJECTS).stream().map(IncidentSlaSubjects::subject).toList();
    }

    @Override
    public Optional<SlaSubject> find(TenantId tenant, UUID incidentId) {
        return incidents.find(tenant, incidentId).map(IncidentSlaSubjects::subject);
    }

    @Override
    public List<SlaSubject> createdBetween(TenantId tenant, Instant from, Instant to) {
        return incidents.createdBetween(tenant, from, to, MAX_SUBJECTS).stream().map(IncidentSlaSubjects::subject).toList();
    }

    static SlaSubject subject(Incident incident) {
        return new SlaSubject(incident.tenant(), incident.id(), incident.priority(), incident.firstEventAt(),
                incident.createdAt(), incident.history());
    }
}
