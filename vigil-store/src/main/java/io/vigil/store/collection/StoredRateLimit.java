package io.vigil.store.collection;

import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;

/** A tenant's own ingest rate limit as stored. */
public record StoredRateLimit(TenantId tenant, double eventsPerSecond, long burst, Instant changedAt, String changedBy) {

    public StoredRateLimit {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(changedAt, "changedAt");
        Objects.requireNonNull(changedBy, "changedBy");
    }
}
