package io.vigil.soc.contract;

import io.vigil.core.tenant.TenantId;
import java.util.Optional;

/** Where tenants' contracts are kept (the store implements it). */
public interface Contracts {

    /** The tenant's stored contract, empty when it has none. */
    Optional<Contract> find(TenantId tenant);

    /** The contract in force: the stored one, else {@link Contract#defaults()}. */
    default Contract effective(TenantId tenant) {
        return find(tenant).orElseGet(Contract::defaults);
    }
}
