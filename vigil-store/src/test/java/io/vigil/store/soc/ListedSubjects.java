package io.vigil.store.soc;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.sla.SlaSubject;
import io.vigil.soc.sla.SlaSubjects;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** Incidents for store tests, standing in for the incidents store behind the SlaSubjects seam. */
final class ListedSubjects implements SlaSubjects {

    final List<SlaSubject> subjects = new CopyOnWriteArrayList<>();

    @Override
    public List<SlaSubject> active() {
        return subjects.stream().filter(s -> !s.state().isFinished()).toList();
    }

    @Override
    public Optional<SlaSubject> find(TenantId tenant, UUID incidentId) {
        return subjects.stream().filter(s -> s.tenant().equals(tenant) && s.incidentId().equals(incidentId)).findFirst();
    }

    @Override
    public List<SlaSubject> createdBetween(TenantId tenant, Instant from, Instant to) {
        return subjects.stream().filter(s -> s.tenant().equals(tenant) && !s.createdAt().isBefore(from)
                && s.createdAt().isBefore(to)).toList();
    }
}
