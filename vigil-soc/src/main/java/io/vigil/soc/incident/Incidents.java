package io.vigil.soc.incident;

import io.vigil.core.tenant.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where incidents are kept. Every method on one tenant's data takes the tenant first; another tenant's incident is
 * not found. Implemented by the store (JDBC) and, for tests, in memory.
 */
public interface Incidents {

    /** Stores a new incident (version 0); returns it as stored. */
    Incident insert(TenantId tenant, Incident incident);

    /**
     * Stores the next version of an incident.
     *
     * @throws ConcurrentChangeException if someone else stored a version after {@code next.version()} was read
     */
    Incident update(TenantId tenant, Incident next);

    Optional<Incident> find(TenantId tenant, UUID id);

    /** The newest open (not finished) incident with this group key, if any. */
    Optional<Incident> findOpen(TenantId tenant, String groupKey);

    /** Open incidents of the tenant on this asset. */
    List<Incident> openOnAsset(TenantId tenant, UUID assetId);

    /** The tenant's incidents, most recently updated first, optionally only in one state. */
    List<Incident> list(TenantId tenant, IncidentQuery query);

    /** Every tenant's unfinished incidents (automatic escalation, SLA clocks); at most {@code limit}. */
    List<Incident> openAcrossTenants(int limit);
}
