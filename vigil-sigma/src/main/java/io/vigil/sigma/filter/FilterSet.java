package io.vigil.sigma.filter;

import io.vigil.sigma.Detection;
import io.vigil.sigma.LogSource;
import io.vigil.sigma.Problem;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.event.EventFields;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Filters bound to a set of rules, applied to the detections those rules produced for one event. Works with the
 * output of {@code RuleSet}, {@code IndexedRuleSet} and {@code RoutedRuleSet} alike:
 * {@code filters.apply(event, ruleSet.evaluate(event))}.
 *
 * <p>Binding rejects (and reports in {@link #rejected()}) a filter that references a rule id not among the rules,
 * or a rule whose logsource the filter's logsource does not cover: such a filter is not applied at all, so the
 * failure shows as extra detections rather than as missing ones. Expiry is checked on every {@link #apply} against
 * the injected clock.
 */
public final class FilterSet {

    private final Map<String, List<SigmaFilter>> byRule;
    private final List<SigmaFilter> filters;
    private final List<FilterLoad.Rejected> rejected;
    private final Clock clock;

    private FilterSet(Map<String, List<SigmaFilter>> byRule, List<SigmaFilter> filters,
            List<FilterLoad.Rejected> rejected, Clock clock) {
        this.byRule = byRule;
        this.filters = filters;
        this.rejected = rejected;
        this.clock = clock;
    }

    public static FilterSet bind(Collection<SigmaRule> rules, Collection<SigmaFilter> filters, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        Map<String, List<SigmaRule>> rulesById = new LinkedHashMap<>();
        for (SigmaRule rule : rules) {
            if (rule.id() != null) {
                rulesById.computeIfAbsent(rule.id(), id -> new ArrayList<>()).add(rule);
            }
        }
        Map<String, List<SigmaFilter>> byRule = new LinkedHashMap<>();
        List<SigmaFilter> bound = new ArrayList<>();
        List<FilterLoad.Rejected> rejected = new ArrayList<>();
        for (SigmaFilter filter : filters) {
            List<Problem> problems = problems(filter, rulesById);
            if (!problems.isEmpty()) {
                rejected.add(new FilterLoad.Rejected(filter.origin(), problems));
                continue;
            }
            bound.add(filter);
            filter.rules().forEach(id -> byRule.computeIfAbsent(id, k -> new ArrayList<>()).add(filter));
        }
        byRule.replaceAll((id, list) -> List.copyOf(list));
        return new FilterSet(Map.copyOf(byRule), List.copyOf(bound), List.copyOf(rejected), clock);
    }

    private static List<Problem> problems(SigmaFilter filter, Map<String, List<SigmaRule>> rulesById) {
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < filter.rules().size(); i++) {
            String id = filter.rules().get(i);
            String location = "filter.rules[" + i + "]";
            List<SigmaRule> referenced = rulesById.get(id);
            if (referenced == null) {
                problems.add(new Problem(location, OptionalInt.empty(), "no loaded rule has id '" + id + "'"));
                continue;
            }
            for (SigmaRule rule : referenced) {
                if (!covers(filter.logsource(), rule.logsource())) {
                    problems.add(new Problem(location, OptionalInt.empty(), "rule '" + id + "' (" + rule.origin()
                            + ") has logsource " + describe(rule.logsource()) + ", which the filter's logsource "
                            + describe(filter.logsource()) + " does not cover"));
                }
            }
        }
        return problems;
    }

    /** As pySigma: every attribute the filter states must equal the rule's; attributes it omits match anything. */
    static boolean covers(LogSource filter, LogSource rule) {
        return same(filter.product(), rule.product()) && same(filter.category(), rule.category())
                && same(filter.service(), rule.service());
    }

    private static boolean same(String filter, String rule) {
        return filter == null || filter.equals(rule);
    }

    private static String describe(LogSource logsource) {
        List<String> parts = new ArrayList<>();
        if (logsource.product() != null) {
            parts.add("product=" + logsource.product());
        }
        if (logsource.category() != null) {
            parts.add("category=" + logsource.category());
        }
        if (logsource.service() != null) {
            parts.add("service=" + logsource.service());
        }
        return "{" + String.join(", ", parts) + "}";
    }

    /** The filters that were bound (whether expired or not), in the order given. */
    public List<SigmaFilter> filters() {
        return filters;
    }

    /** Filters that were not bound, with why; they suppress nothing. */
    public List<FilterLoad.Rejected> rejected() {
        return rejected;
    }

    /** Bound filters that have expired at the clock's current instant. */
    public List<SigmaFilter> expired() {
        Instant now = clock.instant();
        return filters.stream().filter(f -> !f.activeAt(now)).toList();
    }

    /**
     * Splits the detections of {@code event} into kept and suppressed. Each filter's condition is evaluated at most
     * once per event; a detection is suppressed by every active filter for its rule whose condition matches.
     */
    public FilterResult apply(EventFields event, List<Detection> detections) {
        Instant now = clock.instant();
        Map<SigmaFilter, Boolean> verdicts = new IdentityHashMap<>();
        List<Detection> kept = new ArrayList<>();
        List<FilterResult.Suppressed> suppressed = new ArrayList<>();
        for (Detection detection : detections) {
            List<FilterResult.SuppressedBy> by = new ArrayList<>();
            for (SigmaFilter filter : byRule.getOrDefault(detection.ruleId() == null ? "" : detection.ruleId(),
                    List.of())) {
                if (filter.activeAt(now) && verdicts.computeIfAbsent(filter, f -> f.matches(event))) {
                    by.add(FilterResult.SuppressedBy.of(filter));
                }
            }
            if (by.isEmpty()) {
                kept.add(detection);
            } else {
                suppressed.add(new FilterResult.Suppressed(detection, by));
            }
        }
        return new FilterResult(kept, suppressed);
    }
}
