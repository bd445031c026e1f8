package io.vigil.sigma.correlation;

import java.time.Duration;
import java.util.Optional;

/**
 * Bounds on correlation state, so that a noisy tenant or a high-cardinality group-by cannot exhaust memory. A
 * tenant's state never exceeds {@code maxEventsPerTenant} kept events, however many correlations and groups it has.
 *
 * @param maxGroupsPerCorrelation most groups kept per tenant and correlation; the least recently updated group is
 *                                evicted first
 * @param maxEventsPerGroup       most events kept in one group's window; the oldest (by event time) is evicted first
 * @param maxEventsPerTenant      most events kept over all groups of all correlations of one tenant; beyond it the
 *                                tenant's least recently updated groups are evicted, whole, until it fits. At least
 *                                {@code maxEventsPerGroup}
 * @param allowedLateness         how far behind the newest event time seen for a tenant an event may be and still
 *                                count; empty means each correlation's own timespan
 */
public record CorrelationLimits(int maxGroupsPerCorrelation, int maxEventsPerGroup, int maxEventsPerTenant,
        Optional<Duration> allowedLateness) {

    public static final CorrelationLimits DEFAULTS = new CorrelationLimits(10_000, 1_000, 200_000, Optional.empty());

    public CorrelationLimits {
        if (maxGroupsPerCorrelation < 1) {
            throw new IllegalArgumentException("maxGroupsPerCorrelation must be at least 1");
        }
        if (maxEventsPerGroup < 1) {
            throw new IllegalArgumentException("maxEventsPerGroup must be at least 1");
        }
        if (maxEventsPerTenant < maxEventsPerGroup) {
            throw new IllegalArgumentException("maxEventsPerTenant must be at least maxEventsPerGroup ("
                    + maxEventsPerGroup + "), was " + maxEventsPerTenant);
        }
        allowedLateness.ifPresent(d -> {
            if (d.isNegative()) {
                throw new IllegalArgumentException("allowedLateness must not be negative");
            }
        });
    }

    Duration latenessFor(CorrelationRule rule) {
        return allowedLateness.orElse(rule.timespan());
    }
}
