package io.vigil.server.tenant;

import io.vigil.core.tenant.Tenant;
import java.time.Instant;

/** A tenant as the API shows it. */
record TenantView(String id, String slug, String displayName, String timezone, String status, Instant createdAt,
                  Instant updatedAt) {

    static TenantView of(Tenant tenant) {
        return new TenantView(tenant.id().toString(), tenant.slug().value(), tenant.displayName(),
                tenant.timezone().getId(), tenant.status().name().toLowerCase(java.util.Locale.ROOT),
                tenant.createdAt(), tenant.updatedAt());
    }
}
