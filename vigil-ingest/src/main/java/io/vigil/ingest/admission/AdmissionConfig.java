package io.vigil.ingest.admission;

/**
 * Per-tenant admission settings ({@code vigil.ingest.admission.*}); a tenant's own limit (REST) overrides the
 * default.
 *
 * @param enabled                whether inputs ask at all (true)
 * @param defaultEventsPerSecond the default sustained rate per tenant (5000 events/s)
 * @param defaultBurst           the default bucket size per tenant (50000 events, ten seconds at the default rate)
 */
public record AdmissionConfig(Boolean enabled, Double defaultEventsPerSecond, Long defaultBurst) {

    public static final AdmissionConfig DEFAULTS = new AdmissionConfig(null, null, null);

    public AdmissionConfig {
        enabled = enabled == null || enabled;
        defaultEventsPerSecond = defaultEventsPerSecond == null ? 5000.0 : defaultEventsPerSecond;
        defaultBurst = defaultBurst == null ? 50_000L : defaultBurst;
        new RateLimit(defaultEventsPerSecond, defaultBurst); // validates
    }

    public RateLimit defaultLimit() {
        return new RateLimit(defaultEventsPerSecond, defaultBurst);
    }
}
