package io.vigil.soc.triage;

import io.vigil.core.tenant.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Each tenant's suppressions. */
public interface Suppressions {

    List<Suppression> list(TenantId tenant);

    Optional<Suppression> find(TenantId tenant, UUID id);

    Suppression save(TenantId tenant, Suppression suppression);

    boolean delete(TenantId tenant, UUID id);
}
