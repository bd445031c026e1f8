package io.vigil.server.config;

import io.vigil.sigma.correlation.CorrelationLimits;
import java.time.Duration;
import java.util.Optional;

/**
 * Bounds on Sigma correlation state (docs/sigma-semantics.md, "Correlation state and limits"). Read at start; the
 * same for every tenant, and each tenant's state is bounded on its own.
 *
 * @param maxGroupsPerCorrelation most group-by groups kept per tenant and correlation (1-1000000); the least recently
 *                                updated group is evicted first
 * @param maxEventsPerGroup       most events kept in one group's window (1-100000); the oldest by event time goes first
 * @param maxEventsPerTenant      most events kept over all correlations and groups of one tenant (at least
 *                                max-events-per-group, at most 100000000); beyond it the tenant's least recently
 *                                updated groups are evicted whole
 * @param allowedLateness         how far behind the newest event time seen for a tenant an event may arrive and still
 *                                count (0 to 7 days); unset: each correlation's own timespan
 */
public record CorrelationSettings(Integer maxGroupsPerCorrelation, Integer maxEventsPerGroup,
                                  Integer maxEventsPerTenant, Duration allowedLateness) {

    private static final String PREFIX = "vigil.detection.correlation.";

    public CorrelationSettings {
        CorrelationLimits defaults = CorrelationLimits.DEFAULTS;
        maxGroupsPerCorrelation = maxGroupsPerCorrelation == null ? defaults.maxGroupsPerCorrelation()
                : maxGroupsPerCorrelation;
        maxEventsPerGroup = maxEventsPerGroup == null ? defaults.maxEventsPerGroup() : maxEventsPerGroup;
        maxEventsPerTenant = maxEventsPerTenant == null ? defaults.maxEventsPerTenant() : maxEventsPerTenant;
        requireBetween("max-groups-per-correlation", maxGroupsPerCorrelation, 1, 1_000_000);
        requireBetween("max-events-per-group", maxEventsPerGroup, 1, 100_000);
        requireBetween("max-events-per-tenant", maxEventsPerTenant, maxEventsPerGroup, 100_000_000);
        if (allowedLateness != null && (allowedLateness.isNegative() || allowedLateness.compareTo(Duration.ofDays(7)) > 0)) {
            throw new IllegalArgumentException(PREFIX + "allowed-lateness must be 0 to 7 days, was " + allowedLateness);
        }
    }

    /** The engine's limits. */
    public CorrelationLimits limits() {
        return new CorrelationLimits(maxGroupsPerCorrelation, maxEventsPerGroup, maxEventsPerTenant,
                Optional.ofNullable(allowedLateness));
    }

    private static void requireBetween(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(PREFIX + key + " must be " + min + "-" + max + ", was " + value);
        }
    }
}
