package io.vigil.sigma.correlation;

import io.vigil.sigma.Detection;
import io.vigil.sigma.event.EventFields;
import io.vigil.sigma.event.MapEventFields;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Evaluates correlation rules over base-rule detections as they happen, on event time. State is kept per
 * (tenant, correlation, group-by values), bounded by {@link CorrelationLimits}; tenants never share state.
 * A correlation's matches feed every correlation that references it (chains), depth-first and in the same call.
 * Thread-safe by serialising {@link #accept}; partition by tenant for parallelism.
 */
public final class CorrelationEngine {

    private final Map<String, List<CorrelationRule>> byInput = new HashMap<>();
    private final CorrelationLimits limits;
    private final Map<String, TenantState> tenants = new HashMap<>();
    private long seq;
    private long lateEvents;
    private long missingFields;
    private long evictedGroups;
    private long evictedEvents;

    /** A group of one correlation: the correlation's key and the group-by values. */
    private record GroupKey(String correlation, List<String> values) {
    }

    /**
     * Groups are kept twice, in access order: per correlation (for {@code maxGroupsPerCorrelation}) and for the whole
     * tenant (for {@code maxEventsPerTenant}); both maps always hold the same windows.
     */
    private static final class TenantState {
        Instant newest = Instant.MIN;
        final Map<String, LinkedHashMap<List<String>, GroupWindow>> groups = new HashMap<>();
        final LinkedHashMap<GroupKey, GroupWindow> leastRecentlyUpdated = new LinkedHashMap<>(16, 0.75f, true);
        long events;
    }

    /** @throws IllegalArgumentException for two correlations with one key, or a chain that references itself */
    public CorrelationEngine(Collection<CorrelationRule> correlations, CorrelationLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        Map<String, CorrelationRule> byKey = new HashMap<>();
        for (CorrelationRule rule : correlations) {
            if (byKey.putIfAbsent(rule.key(), rule) != null) {
                throw new IllegalArgumentException("two correlations have the key '" + rule.key() + "'");
            }
            rule.rules().forEach(input -> byInput.computeIfAbsent(input, k -> new ArrayList<>()).add(rule));
        }
        for (String key : byKey.keySet()) {
            checkAcyclic(key, byKey, new HashSet<>());
        }
    }

    private void checkAcyclic(String key, Map<String, CorrelationRule> byKey, Set<String> path) {
        if (!path.add(key)) {
            throw new IllegalArgumentException("correlation chain is a cycle through '" + key + "'");
        }
        CorrelationRule rule = byKey.get(key);
        if (rule != null) {
            for (String input : rule.rules()) {
                checkAcyclic(input, byKey, path);
            }
        }
        path.remove(key);
    }

    /**
     * Feeds one base-rule detection. Returns every correlation that fired because of it, including chained ones
     * (a chained match follows the match that fed it).
     */
    public synchronized List<CorrelationMatch> accept(String tenant, Detection detection, EventFields event,
            Instant eventTime) {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(eventTime, "eventTime");
        if (detection.ruleId() == null || !byInput.containsKey(detection.ruleId())) {
            return List.of();
        }
        TenantState state = tenants.computeIfAbsent(tenant, t -> new TenantState());
        if (eventTime.isAfter(state.newest)) {
            state.newest = eventTime;
        }
        List<CorrelationMatch> matches = new ArrayList<>();
        feed(tenant, state, detection.ruleId(), event, eventTime, matches);
        return matches;
    }

    public synchronized CorrelationStats stats() {
        return new CorrelationStats(lateEvents, missingFields, evictedGroups, evictedEvents);
    }

    private void feed(String tenant, TenantState state, String inputKey, EventFields event, Instant time,
            List<CorrelationMatch> matches) {
        for (CorrelationRule rule : byInput.getOrDefault(inputKey, List.of())) {
            Instant oldestAccepted = state.newest.minus(limits.latenessFor(rule));
            if (time.isBefore(oldestAccepted)) {
                lateEvents++;
                continue;
            }
            Map<String, Object> groupValues = new LinkedHashMap<>();
            for (String group : rule.groupBy()) {
                Object value = event.get(rule.fieldFor(group, inputKey));
                if (value != null) {
                    groupValues.put(group, String.valueOf(value));
                }
            }
            Optional<Object> value = conditionValue(rule, inputKey, event);
            if (groupValues.size() < rule.groupBy().size() || value.isEmpty()) {
                missingFields++;
                continue;
            }
            GroupWindow window = window(state, rule, groupValues);
            GroupWindow.Entry entry = new GroupWindow.Entry(time, seq++, inputKey, value.get());
            Instant horizon = oldestAccepted.minus(rule.timespan());
            int before = window.size();
            Optional<GroupWindow.Fired> fired =
                    window.add(entry, rule, limits.maxEventsPerGroup(), horizon, () -> evictedEvents++);
            state.events += window.size() - before;
            boundTenant(state);
            if (fired.isPresent()) {
                GroupWindow.Fired f = fired.get();
                matches.add(new CorrelationMatch(tenant, rule.id(), rule.key(), rule.title(), rule.level(),
                        rule.author(), rule.tags(), groupValues, f.start(), f.end(), f.value()));
                feed(tenant, state, rule.key(), new MapEventFields(groupValues), f.end(), matches);
            }
        }
    }

    private GroupWindow window(TenantState state, CorrelationRule rule, Map<String, Object> groupValues) {
        LinkedHashMap<List<String>, GroupWindow> groups = state.groups.computeIfAbsent(rule.key(),
                k -> new LinkedHashMap<>(16, 0.75f, true));
        List<String> key = groupValues.values().stream().map(String::valueOf).toList();
        GroupKey tenantKey = new GroupKey(rule.key(), key);
        GroupWindow window = groups.get(key);
        if (window == null) {
            if (groups.size() >= limits.maxGroupsPerCorrelation()) {
                List<String> eldest = groups.keySet().iterator().next();
                state.events -= groups.remove(eldest).size();
                state.leastRecentlyUpdated.remove(new GroupKey(rule.key(), eldest));
                evictedGroups++;
            }
            window = new GroupWindow();
            groups.put(key, window);
        }
        state.leastRecentlyUpdated.put(tenantKey, window); // also marks it most recently updated
        return window;
    }

    /**
     * Evicts the tenant's least recently updated groups, whole, until its events fit {@code maxEventsPerTenant}.
     * The group just updated is the most recent, and alone it fits (the limits ensure it), so it is never evicted.
     */
    private void boundTenant(TenantState state) {
        while (state.events > limits.maxEventsPerTenant() && state.leastRecentlyUpdated.size() > 1) {
            GroupKey key = state.leastRecentlyUpdated.keySet().iterator().next();
            GroupWindow evicted = state.leastRecentlyUpdated.remove(key);
            state.groups.get(key.correlation()).remove(key.values());
            state.events -= evicted.size();
            evictedGroups++;
        }
    }

    /** Events currently kept for {@code tenant} over all its groups; for tests and metrics. */
    public synchronized long eventsKept(String tenant) {
        TenantState state = tenants.get(tenant);
        return state == null ? 0 : state.events;
    }

    /** The per-event value the condition aggregates: a placeholder, a distinct key, a number or a text value. */
    private static Optional<Object> conditionValue(CorrelationRule rule, String inputKey, EventFields event) {
        return switch (rule.type()) {
            case EVENT_COUNT, TEMPORAL, TEMPORAL_ORDERED -> Optional.of(Boolean.TRUE);
            case VALUE_COUNT -> {
                List<String> values = new ArrayList<>();
                for (String field : rule.fields()) {
                    Object value = event.get(rule.fieldFor(field, inputKey));
                    if (value == null) {
                        yield Optional.empty();
                    }
                    values.add(String.valueOf(value));
                }
                yield Optional.of(values);
            }
            case VALUE_SUM, VALUE_AVG -> number(event.get(rule.fieldFor(rule.fields().getFirst(), inputKey)));
            case VALUE_PERCENTILE -> Optional.ofNullable(event.get(rule.fieldFor(rule.fields().getFirst(), inputKey)))
                    .map(String::valueOf);
        };
    }

    private static Optional<Object> number(Object value) {
        return switch (value) {
            case Number n when Double.isFinite(n.doubleValue()) -> Optional.of(n.doubleValue());
            case String s -> {
                try {
                    double d = new BigDecimal(s.strip()).doubleValue();
                    yield Double.isFinite(d) ? Optional.of(d) : Optional.empty();
                } catch (NumberFormatException e) {
                    yield Optional.empty();
                }
            }
            case null, default -> Optional.empty();
        };
    }
}
