package io.vigil.server.tenant;

import io.vigil.core.tenant.TenantId;
import io.vigil.core.tenant.TenantStatus;

/** Published when a tenant's status changed, so that caches of it (ingest authentication) act at once. */
public record TenantStatusChanged(TenantId tenant, TenantStatus status) {
}
