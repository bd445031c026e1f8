package io.vigil.soc.notify;

import io.vigil.core.tenant.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Each tenant's routes, and which private addresses its webhooks may reach. */
public interface Routes {

    List<Route> list(TenantId tenant);

    Optional<Route> find(TenantId tenant, UUID id);

    Route save(TenantId tenant, Route route);

    boolean delete(TenantId tenant, UUID id);

    /**
     * The CIDR ranges of loopback, link-local or private addresses the tenant's webhooks may reach anyway; empty
     * unless an operator set them (see {@link OutboundGuard}).
     */
    List<String> allowedPrivateRanges(TenantId tenant);

    void setAllowedPrivateRanges(TenantId tenant, List<String> ranges);
}
