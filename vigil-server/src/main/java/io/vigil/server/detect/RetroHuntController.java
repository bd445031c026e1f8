package io.vigil.server.detect;

import io.vigil.core.access.Permission;
import io.vigil.core.api.ApiError;
import io.vigil.core.event.Event;
import io.vigil.core.search.EventStore;
import io.vigil.core.search.TimeRange;
import io.vigil.core.tenant.Tenant;
import io.vigil.core.tenant.TenantId;
import io.vigil.server.api.InvalidRequestException;
import io.vigil.server.config.SearchSettings;
import io.vigil.server.search.TimeParams;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.sigma.Detection;
import io.vigil.sigma.Problem;
import io.vigil.sigma.RuleLoad;
import io.vigil.sigma.SigmaDocuments;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.SigmaRules;
import io.vigil.sigma.event.EventFields;
import io.vigil.sigma.event.EventFieldsFactory;
import io.vigil.sigma.filter.FilterResult;
import io.vigil.sigma.logsource.RoutedRuleSet;
import io.vigil.store.detection.DetectionEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Retro-hunt: runs Sigma rules, correlations included, over a tenant's stored events of a time range, oldest first.
 * Without a posted rule the rules are the tenant's effective set exactly as live detection applies them
 * ({@link TenantRuleSets#evaluate}: shipped, MSSP-wide and own rules, switches, exceptions and correlations with
 * their {@code generate} semantics), so a hunt over events finds what live detection found on them. Correlations
 * run in an engine of the hunt's own ({@link TenantRuleSets#huntCorrelations}): live correlation state is never
 * touched. With {@code rules} (one or more YAML documents separated by {@code ---}, rules and correlations) only
 * those run, routed through the same logsource mapping.
 */
@RestController
class RetroHuntController {

    static final int MAX_DETECTIONS = 10_000;
    static final int MAX_RULE_CHARS = 1_000_000;

    private final EventStore store;
    private final TenantRuleSets rules;
    private final TenantResolver resolver;
    private final SearchSettings settings;
    private final Clock clock;

    RetroHuntController(EventStore store, TenantRuleSets rules, TenantResolver resolver, SearchSettings settings,
                        Clock clock) {
        this.store = store;
        this.rules = rules;
        this.resolver = resolver;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @param query     narrows the events hunted (the search syntax); blank for all
     * @param rules     Sigma YAML to run instead of the tenant's effective rules
     * @param maxEvents most events read (default and ceiling {@code vigil.search.max-export-events})
     */
    record HuntRequest(String from, String to, String query, String rules, Long maxEvents) {
    }

    /** @param correlation what made a correlation fire (null for a rule's own detection) */
    record HuntDetection(String eventId, Instant eventTime, String source, String ruleId, String title, String level,
                         List<String> tags, List<String> matchedFields, DetectionEntry.Correlated correlation) {
    }

    /**
     * @param withheld  detections of rules that correlations consume without {@code generate}: live detection
     *                  records them only with the event, not as detections
     * @param truncated whether {@code maxEvents} or the detection limit stopped the hunt early
     */
    record HuntResult(String ruleSource, int rules, int correlations, TimeRange range, long scanned, int suppressed,
                      boolean truncated, List<HuntDetection> detections, List<HuntDetection> withheld) {
    }

    /** How one event is evaluated: the tenant's effective rules or the posted ones, each with the hunt's engine. */
    @FunctionalInterface
    private interface Evaluator {
        TenantRuleSets.Evaluation evaluate(Event event, EventFields fields);
    }

    @Requires(Permission.HUNT_RUN)
    @PostMapping("/api/v1/tenants/{tenant}/hunts")
    HuntResult hunt(@PathVariable String tenant, @RequestBody HuntRequest request) {
        Tenant scope = resolver.resolve(tenant);
        if (request == null) {
            throw new IllegalArgumentException("a body with from and to is required");
        }
        TimeRange range = TimeParams.range(request.from(), request.to(), clock);
        long max = request.maxEvents() == null ? settings.maxExportEvents() : request.maxEvents();
        if (max < 1 || max > settings.maxExportEvents()) {
            throw new IllegalArgumentException("maxEvents must be 1-" + settings.maxExportEvents() + ", was " + max);
        }
        TenantId id = scope.id();
        boolean effective = request.rules() == null || request.rules().isBlank();
        Posted posted = effective ? null : parse(request.rules());
        TenantCorrelations correlations = effective ? rules.huntCorrelations(id)
                : rules.huntCorrelations(posted.correlations(), posted.rules(), posted.names());
        rejectInactive(effective ? TenantCorrelations.NONE : correlations);
        Evaluator evaluate = effective ? effective(id, correlations) : posted(id, posted, correlations);
        int ruleCount = effective ? rules.ruleIdsOf(id).size() : posted.rules().size() + correlations.rules().size();
        Instant now = clock.instant();
        List<HuntDetection> found = new ArrayList<>();
        List<HuntDetection> withheld = new ArrayList<>();
        int[] suppressed = {0};
        boolean[] full = {false};
        long scanned = store.stream(id, request.query(), range, max, event -> {
            TenantRuleSets.Evaluation result = evaluate.evaluate(event, EventFieldsFactory.of(event.fields()));
            suppressed[0] += result.filtered().suppressed().size();
            if (found.size() + result.filtered().kept().size() + result.correlations().size() > MAX_DETECTIONS) {
                full[0] = true;
                return false;
            }
            result.filtered().kept().forEach(d -> found.add(detection(event, SigmaStage.entry(d, now))));
            result.correlations().forEach(f -> found.add(detection(event, SigmaStage.entry(f, now))));
            result.withheld().stream().limit(MAX_DETECTIONS - withheld.size())
                    .forEach(d -> withheld.add(detection(event, SigmaStage.entry(d, now))));
            return true;
        });
        return new HuntResult(effective ? "effective" : "posted", ruleCount, correlations.rules().size(), range, scanned, suppressed[0],
                full[0] || scanned >= max, found, withheld);
    }

    /** The tenant's effective rules as live detection applies them, correlations fed to the hunt's engine. */
    private Evaluator effective(TenantId tenant, TenantCorrelations correlations) {
        return (event, fields) -> rules.evaluate(tenant, correlations, event.source().name(), fields, event.time());
    }

    /** The posted rules, routed as live detection routes, without the tenant's switches and exceptions. */
    private Evaluator posted(TenantId tenant, Posted posted, TenantCorrelations correlations) {
        RoutedRuleSet routed = RoutedRuleSet.of(rules.router(), posted.rules());
        return (event, fields) -> {
            String tag = event.source().name();
            List<Detection> base = routed.evaluate(tag, fields);
            if (base.isEmpty()) {
                return TenantRuleSets.Evaluation.NOTHING;
            }
            EventFields renamed = correlations.engine() == null ? fields
                    : rules.router().classify(tag, fields).fields(fields);
            return TenantRuleSets.correlate(tenant, correlations, Set.of(), new FilterResult(base, List.of()), renamed,
                    event.time());
        };
    }

    /** A detection as live detection records it ({@link SigmaStage}), on the hunted event. */
    private static HuntDetection detection(Event event, DetectionEntry entry) {
        return new HuntDetection(event.id().toString(), event.time(), event.source().name(), entry.ruleId(),
                entry.title(), entry.level(), entry.tags(), entry.matchedFields(), entry.correlation());
    }

    private static void rejectInactive(TenantCorrelations correlations) {
        if (correlations.inactive().isEmpty()) {
            return;
        }
        List<ApiError.Problem> problems = new ArrayList<>();
        for (TenantRuleSets.Inactive inactive : correlations.inactive()) {
            inactive.reasons().forEach(reason -> problems.add(new ApiError.Problem(inactive.origin(), reason)));
        }
        throw new InvalidRequestException("invalid rules: " + problems.size() + " problem(s)", problems);
    }

    /** The posted documents: base rules, correlations, and the base rules' spec names (name &rarr; id). */
    private record Posted(List<SigmaRule> rules, List<TenantCorrelations.Source> correlations,
                          Map<String, String> names) {
    }

    private static Posted parse(String yaml) {
        if (yaml.length() > MAX_RULE_CHARS) {
            throw new IllegalArgumentException("rules are " + yaml.length() + " characters, at most " + MAX_RULE_CHARS);
        }
        List<SigmaRule> parsed = new ArrayList<>();
        List<TenantCorrelations.Source> correlations = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        List<ApiError.Problem> problems = new ArrayList<>();
        String[] documents = yaml.split("(?m)^---\\s*$");
        for (int i = 0; i < documents.length; i++) {
            if (documents[i].isBlank()) {
                continue;
            }
            String where = "rules[" + i + "]";
            if (SigmaDocuments.isCorrelation(documents[i])) {
                correlations.add(new TenantCorrelations.Source(where, documents[i]));
                continue;
            }
            switch (SigmaRules.parse(documents[i], where)) {
                case RuleLoad.Loaded(SigmaRule rule) -> {
                    parsed.add(rule);
                    String name = SigmaDocuments.name(documents[i]);
                    if (name != null && rule.id() != null) {
                        names.put(name, rule.id());
                    }
                }
                case RuleLoad.Rejected(String origin, List<Problem> list) -> list.forEach(p ->
                        problems.add(new ApiError.Problem(where + "." + p.location(), p.message())));
            }
        }
        if (problems.isEmpty() && parsed.isEmpty()) {
            problems.add(new ApiError.Problem("rules", "holds no rule"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("invalid rules: " + problems.size() + " problem(s)", problems);
        }
        return new Posted(parsed, correlations, names);
    }
}
