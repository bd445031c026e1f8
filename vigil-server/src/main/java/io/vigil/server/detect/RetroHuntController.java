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
import io.vigil.sigma.filter.FilterResult;
import io.vigil.sigma.Problem;
import io.vigil.sigma.RuleLoad;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.SigmaRules;
import io.vigil.sigma.event.EventFields;
import io.vigil.sigma.event.EventFieldsFactory;
import io.vigil.sigma.logsource.RoutedRuleSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Retro-hunt: runs Sigma rules over a tenant's stored events of a time range. Without a posted rule the rules are
 * the tenant's effective set exactly as live detection applies them ({@link TenantRuleSets#evaluateStored}: shipped,
 * MSSP-wide and own rules, switches and exceptions), so a hunt over events finds what live detection found on
 * them; correlation state is not touched. With {@code rules} (one or more YAML documents separated by
 * {@code ---}) only those rules run, routed through the same logsource mapping.
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

    record HuntDetection(String eventId, Instant eventTime, String source, String ruleId, String title, String level,
                         List<String> tags, List<String> matchedFields) {
    }

    /** @param truncated whether {@code maxEvents} or the detection limit stopped the hunt early */
    record HuntResult(String ruleSource, int rules, TimeRange range, long scanned, int suppressed, boolean truncated,
                      List<HuntDetection> detections) {
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
        String ruleSource;
        int ruleCount;
        BiFunction<Event, EventFields, FilterResult> evaluate;
        if (request.rules() == null || request.rules().isBlank()) {
            ruleSource = "effective";
            ruleCount = rules.ruleIdsOf(scope.id()).size();
            TenantId id = scope.id();
            evaluate = (event, fields) -> rules.evaluateStored(id, event.source().name(), fields);
        } else {
            List<SigmaRule> posted = parse(request.rules());
            RoutedRuleSet routed = RoutedRuleSet.of(rules.router(), posted);
            ruleSource = "posted";
            ruleCount = posted.size();
            evaluate = (event, fields) -> new FilterResult(routed.evaluate(event.source().name(), fields), List.of());
        }
        List<HuntDetection> found = new ArrayList<>();
        int[] suppressed = {0};
        boolean[] full = {false};
        long scanned = store.stream(scope.id(), request.query(), range, max, event -> {
            FilterResult result = evaluate.apply(event, EventFieldsFactory.of(event.fields()));
            suppressed[0] += result.suppressed().size();
            for (Detection d : result.kept()) {
                if (found.size() >= MAX_DETECTIONS) {
                    full[0] = true;
                    return false;
                }
                found.add(new HuntDetection(event.id().toString(), event.time(), event.source().name(),
                        d.ruleId() != null ? d.ruleId() : d.title(), d.title(), d.level(), d.tags(), d.matchedFields()));
            }
            return true;
        });
        return new HuntResult(ruleSource, ruleCount, range, scanned, suppressed[0], full[0] || scanned >= max, found);
    }

    private static List<SigmaRule> parse(String yaml) {
        if (yaml.length() > MAX_RULE_CHARS) {
            throw new IllegalArgumentException("rules are " + yaml.length() + " characters, at most " + MAX_RULE_CHARS);
        }
        List<SigmaRule> parsed = new ArrayList<>();
        List<ApiError.Problem> problems = new ArrayList<>();
        String[] documents = yaml.split("(?m)^---\\s*$");
        for (int i = 0; i < documents.length; i++) {
            if (documents[i].isBlank()) {
                continue;
            }
            String where = "rules[" + i + "]";
            switch (SigmaRules.parse(documents[i], where)) {
                case RuleLoad.Loaded(SigmaRule rule) -> parsed.add(rule);
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
        return parsed;
    }
}
