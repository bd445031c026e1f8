package io.vigil.sigma.correlation;

/**
 * Counters since the engine started: nothing is dropped silently.
 *
 * @param lateEvents     inputs older than the tenant's newest event time minus the allowed lateness, not counted
 * @param missingFields  inputs lacking a group-by field, or the condition field (or a number for value_sum/avg)
 * @param evictedGroups  groups dropped because a tenant's correlation had {@code maxGroupsPerCorrelation} groups,
 *                       or the tenant more than {@code maxEventsPerTenant} events
 * @param evictedEvents  events dropped because a group's window held {@code maxEventsPerGroup}
 */
public record CorrelationStats(long lateEvents, long missingFields, long evictedGroups, long evictedEvents) {
}
