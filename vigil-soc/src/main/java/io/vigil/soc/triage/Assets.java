package io.vigil.soc.triage;

import io.vigil.core.tenant.TenantId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The asset registry of each tenant. */
public interface Assets {

    List<Asset> list(TenantId tenant);

    Optional<Asset> find(TenantId tenant, UUID id);

    /** Inserts or replaces the asset with this id. */
    Asset save(TenantId tenant, Asset asset);

    boolean delete(TenantId tenant, UUID id);

    /** The first asset named by one of the values (hostnames, IPs), if any. */
    default Optional<Asset> match(TenantId tenant, Collection<String> values) {
        return list(tenant).stream().filter(a -> a.matches(values)).findFirst();
    }
}
