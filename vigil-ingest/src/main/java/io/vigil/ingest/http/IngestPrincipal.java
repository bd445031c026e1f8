package io.vigil.ingest.http;

import io.vigil.core.tenant.TenantId;
import io.vigil.core.tenant.TenantStatus;
import java.util.Objects;

/**
 * Who is sending: the tenant an ingest key belongs to, the key and its label.
 *
 * @param tenantStatus ingest is refused unless the tenant is {@link TenantStatus#ACTIVE}
 */
public record IngestPrincipal(TenantId tenant, TenantStatus tenantStatus, String keyId, String keyLabel) {

    public IngestPrincipal {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(tenantStatus, "tenantStatus");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(keyLabel, "keyLabel");
    }
}
