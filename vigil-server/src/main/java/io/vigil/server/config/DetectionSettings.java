package io.vigil.server.config;

/**
 * @param enabled           run the shipped SigmaHQ rules over every event (the {@code sigma} stage, phase
 *                          detect) and store what matches; when false neither the stage nor the detections
 *                          output is added, and the rules are not loaded. Read at start
 * @param capacityPerTenant newest detections kept per tenant; older ones are deleted as new ones arrive
 */
public record DetectionSettings(Boolean enabled, Integer capacityPerTenant) {

    public DetectionSettings {
        enabled = enabled == null ? Boolean.TRUE : enabled;
        capacityPerTenant = capacityPerTenant == null ? 100_000 : capacityPerTenant;
        if (capacityPerTenant < 1 || capacityPerTenant > 10_000_000) {
            throw new IllegalArgumentException("capacity-per-tenant must be 1-10000000, was " + capacityPerTenant);
        }
    }
}
