package io.vigil.server.tenant;

import io.vigil.core.tenant.Tenant;
import io.vigil.core.tenant.TenantId;
import io.vigil.core.tenant.TenantSlug;
import io.vigil.store.NotFoundException;
import io.vigil.store.tenant.TenantDirectory;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Resolves the {@code {tenant}} of a URL (slug or id) to a tenant. Every tenant-scoped endpoint goes
 * through here, so an unknown tenant and a tenant the caller may not see both answer the same 404.
 */
@Component
public final class TenantResolver {

    private final TenantDirectory tenants;

    TenantResolver(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    public Tenant resolve(String reference) {
        return byId(reference).or(() -> bySlug(reference))
                .orElseThrow(() -> new NotFoundException(notFoundMessage(reference)));
    }

    /** The one answer for a tenant that does not exist or that the caller may not see. */
    public static String notFoundMessage(String reference) {
        return "no tenant '" + reference + "'";
    }

    private Optional<Tenant> byId(String reference) {
        try {
            return tenants.find(TenantId.of(reference));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    private Optional<Tenant> bySlug(String reference) {
        try {
            return tenants.find(new TenantSlug(reference));
        } catch (IllegalArgumentException notASlug) {
            return Optional.empty();
        }
    }
}
