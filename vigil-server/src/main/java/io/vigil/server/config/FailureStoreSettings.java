package io.vigil.server.config;

/**
 * @param capacityPerTenant newest failures kept per tenant in the failure store; older ones are deleted
 *                          as new ones arrive, so that one sender cannot fill the database
 */
public record FailureStoreSettings(Integer capacityPerTenant) {

    public FailureStoreSettings {
        capacityPerTenant = capacityPerTenant == null ? 10_000 : capacityPerTenant;
        if (capacityPerTenant < 1 || capacityPerTenant > 10_000_000) {
            throw new IllegalArgumentException("capacity-per-tenant must be 1-10000000, was " + capacityPerTenant);
        }
    }
}
