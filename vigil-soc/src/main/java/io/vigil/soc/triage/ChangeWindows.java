package io.vigil.soc.triage;

import io.vigil.core.tenant.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Each tenant's change tickets and maintenance windows. */
public interface ChangeWindows {

    List<ChangeWindow> list(TenantId tenant);

    Optional<ChangeWindow> find(TenantId tenant, UUID id);

    ChangeWindow save(TenantId tenant, ChangeWindow window);

    boolean delete(TenantId tenant, UUID id);
}
