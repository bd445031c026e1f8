package io.vigil.server.detect;

import io.vigil.sigma.Detection;
import io.vigil.sigma.SigmaDocuments;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.correlation.CorrelationEngine;
import io.vigil.sigma.correlation.CorrelationLimits;
import io.vigil.sigma.correlation.CorrelationMatch;
import io.vigil.sigma.correlation.CorrelationRule;
import io.vigil.sigma.correlation.CorrelationSet;
import io.vigil.sigma.correlation.RuleReferences;
import io.vigil.sigma.event.EventFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One tenant's correlation rules and their state: the engine every base detection of the tenant is fed to. An
 * engine holds one tenant's windows only, so no event of another tenant can ever count.
 *
 * <p>{@code generate} as the spec says: a rule that correlations reference with {@code generate: false} (the
 * default) yields no detection of its own, only through the correlation, unless another correlation referencing
 * it says {@code generate: true}.
 *
 * @param rules     the loaded correlations by key, in load order
 * @param withheld  keys (base rule ids or correlation keys) whose own detections are not emitted
 * @param inactive  correlations that could not be loaded, with why
 */
record TenantCorrelations(Map<String, CorrelationRule> rules, Set<String> withheld, CorrelationEngine engine,
                          List<TenantRuleSets.Inactive> inactive) {

    static final TenantCorrelations NONE = new TenantCorrelations(Map.of(), Set.of(), null, List.of());

    /** One correlation fired, with its rule. */
    record Fired(CorrelationRule rule, CorrelationMatch match) {
    }

    /** A stored correlation document. */
    record Source(String origin, String yaml) {
    }

    /**
     * Loads the correlations against the tenant's base rules, in as many passes as chains need (a correlation
     * loads once every rule it references has); one that never resolves is inactive with its problems.
     *
     * @param names       base rules' spec names &rarr; their ids
     * @param previous    the tenant's correlations before a rule set change: with exactly the same rules, its engine
     *                    (and so its windows) is kept
     */
    static TenantCorrelations load(List<Source> sources, List<SigmaRule> baseRules, Map<String, String> names,
                                   CorrelationLimits limits, TenantCorrelations previous) {
        if (sources.isEmpty()) {
            return NONE;
        }
        RuleReferences references = RuleReferences.of(baseRules);
        for (Map.Entry<String, String> name : names.entrySet()) {
            references = references.withName(name.getKey(), name.getValue());
        }
        Map<String, String> yamlByOrigin = new HashMap<>();
        sources.forEach(source -> yamlByOrigin.putIfAbsent(source.origin(), source.yaml()));
        CorrelationSet set = CorrelationSet.load(
                sources.stream().map(s -> new CorrelationSet.Source(s.origin(), s.yaml())).toList(), references);
        List<TenantRuleSets.Inactive> inactive = set.rejected().stream()
                .map(rejected -> new TenantRuleSets.Inactive(SigmaDocuments.id(yamlByOrigin.get(rejected.origin())),
                        rejected.origin(), RuleDocuments.describe(rejected.problems())))
                .toList();
        Map<String, CorrelationRule> loaded = set.rules();
        CorrelationEngine engine = previous != null && previous.engine() != null
                && List.copyOf(previous.rules().values()).equals(List.copyOf(loaded.values()))
                ? previous.engine() : new CorrelationEngine(loaded.values(), limits);
        return new TenantCorrelations(Map.copyOf(loaded), set.withheld(), engine, inactive);
    }

    /** The same correlations with a new, empty engine (a retro-hunt's own windows); NONE stays NONE. */
    TenantCorrelations withNewEngine(CorrelationLimits limits) {
        return engine == null ? this
                : new TenantCorrelations(rules, withheld, new CorrelationEngine(rules.values(), limits), inactive);
    }

    /** Feeds the tenant's kept base detections of one event; returns what fired, chains included. */
    List<Fired> accept(String tenant, List<Detection> detections, EventFields event, Instant eventTime) {
        if (engine == null || detections.isEmpty()) {
            return List.of();
        }
        List<Fired> fired = new ArrayList<>();
        for (Detection detection : detections) {
            for (CorrelationMatch match : engine.accept(tenant, detection, event, eventTime)) {
                fired.add(new Fired(rules.get(match.correlationKey()), match));
            }
        }
        return fired;
    }
}
