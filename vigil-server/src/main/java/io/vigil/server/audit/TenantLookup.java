package io.vigil.server.audit;

import io.vigil.core.tenant.TenantId;
import io.vigil.core.tenant.TenantSlug;
import io.vigil.store.tenant.TenantDirectory;
import java.util.Optional;

/** The tenant a {@code {tenant}} path segment (id or slug) names, without throwing for one that does not exist. */
final class TenantLookup {

    private final TenantDirectory tenants;

    TenantLookup(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    Optional<TenantId> find(String reference) {
        try {
            return tenants.find(TenantId.of(reference)).map(t -> t.id());
        } catch (IllegalArgumentException notAnId) {
            try {
                return tenants.find(new TenantSlug(reference)).map(t -> t.id());
            } catch (IllegalArgumentException notASlug) {
                return Optional.empty();
            }
        }
    }
}
