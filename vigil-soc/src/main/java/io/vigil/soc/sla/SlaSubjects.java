package io.vigil.soc.sla;

import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The incidents the SLA engine watches. The incidents store implements it; the SLA scheduler, the compliance
 * report and the regulatory clocks read through it and never reach into incidents otherwise.
 */
public interface SlaSubjects {

    /**
     * Every incident, of every tenant, that is not resolved or closed (the scheduler's round). Spans tenants on
     * purpose: the scheduler serves the whole installation and each subject carries its tenant.
     */
    List<SlaSubject> active();

    /** One incident of one tenant; empty when it does not exist or belongs to another tenant. */
    Optional<SlaSubject> find(TenantId tenant, UUID incidentId);

    /** The incidents of one tenant created in {@code [from, to)}, whatever their state (the monthly compliance). */
    List<SlaSubject> createdBetween(TenantId tenant, Instant from, Instant to);
}
