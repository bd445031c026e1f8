package io.vigil.server.config;

/**
 * @param capacityPerTenant newest processed events kept per tenant in the recent-events view
 */
public record RecentEventsSettings(Integer capacityPerTenant) {

    public RecentEventsSettings {
        capacityPerTenant = capacityPerTenant == null ? 10_000 : capacityPerTenant;
        if (capacityPerTenant < 1 || capacityPerTenant > 10_000_000) {
            throw new IllegalArgumentException("capacity-per-tenant must be 1-10000000, was " + capacityPerTenant);
        }
    }
}
