package io.vigil.soc.sla;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.IncidentState;
import io.vigil.soc.Priority;
import io.vigil.soc.StateChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Builds incidents for clock tests: {@code Subjects.created(t, P1).then(t2, ACKNOWLEDGED)...}. */
final class Subjects {

    static final TenantId TENANT = new TenantId(UUID.fromString("00000000-0000-4000-8000-00000000000a"));

    private final Priority priority;
    private final Instant createdAt;
    private final UUID id;
    private Instant firstEventAt;
    private final List<StateChange> history = new ArrayList<>();

    private Subjects(Priority priority, Instant createdAt, UUID id) {
        this.priority = priority;
        this.createdAt = createdAt;
        this.id = id;
        history.add(new StateChange(createdAt, null, IncidentState.NEW));
    }

    static Subjects created(Instant at, Priority priority) {
        return new Subjects(priority, at, UUID.randomUUID());
    }

    Subjects then(Instant at, IncidentState to) {
        history.add(new StateChange(at, history.getLast().to(), to));
        return this;
    }

    Subjects firstEvent(Instant at) {
        firstEventAt = at;
        return this;
    }

    SlaSubject subject() {
        return new SlaSubject(TENANT, id, priority, firstEventAt, createdAt, history);
    }
}
