package io.vigil.soc.sla;

import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Incidents for scheduler tests, standing in for the incidents store behind the {@link SlaSubjects} seam. */
final class InMemorySlaSubjects implements SlaSubjects {

    private final Map<UUID, SlaSubject> subjects = new ConcurrentHashMap<>();

    void put(SlaSubject subject) {
        subjects.put(subject.incidentId(), subject);
    }

    @Override
    public List<SlaSubject> active() {
        return subjects.values().stream().filter(s -> !s.state().isFinished()).toList();
    }

    @Override
    public Optional<SlaSubject> find(TenantId tenant, UUID incidentId) {
        return Optional.ofNullable(subjects.get(incidentId)).filter(s -> s.tenant().equals(tenant));
    }

    @Override
    public List<SlaSubject> createdBetween(TenantId tenant, Instant from, Instant to) {
        return subjects.values().stream().filter(s -> s.tenant().equals(tenant))
                .filter(s -> !s.createdAt().isBefore(from) && s.createdAt().isBefore(to)).toList();
    }
}
