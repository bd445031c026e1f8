package io.vigil.server.detect;

import io.vigil.core.access.Permission;
import io.vigil.core.api.ApiError;
import io.vigil.core.tenant.Tenant;
import io.vigil.server.api.InvalidRequestException;
import io.vigil.server.api.Validation;
import io.vigil.server.security.Requires;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.sigma.Problem;
import io.vigil.sigma.RuleLoad;
import io.vigil.sigma.SigmaDocuments;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.SigmaRules;
import io.vigil.sigma.correlation.CorrelationLoad;
import io.vigil.sigma.correlation.CorrelationRule;
import io.vigil.sigma.correlation.CorrelationRules;
import io.vigil.sigma.filter.FilterLoad;
import io.vigil.sigma.filter.FilterSet;
import io.vigil.sigma.filter.SigmaFilter;
import io.vigil.store.NotFoundException;
import io.vigil.store.rules.CustomRule;
import io.vigil.store.rules.CustomRules;
import io.vigil.store.rules.PlaceholderValues;
import io.vigil.store.rules.RuleExceptions;
import io.vigil.store.rules.RuleToggles;
import io.vigil.store.rules.StoredRuleException;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.SequencedMap;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rule sets: MSSP-wide rules ({@code /api/v1/platform/rules}), a tenant's own rules, its rule switches and its
 * exceptions. Rules and filters are parsed on upload and a rejected document answers 400 with every problem found;
 * each committed change publishes a {@link RulesChanged} so that the sigma stage rebuilds that rule set. An upload
 * may be a collection of several documents (base rules and correlation rules over them, as in the Sigma
 * correlation specification's examples): each is checked ({@link RuleUploads}) and stored as its own rule, all or
 * none.
 */
@RestController
class RuleSetController {

    /** Longest accepted rule or filter document, in characters. */
    static final int MAX_YAML = 256 * 1024;

    private final CustomRules rules;
    private final RuleToggles toggles;
    private final RuleExceptions exceptions;
    private final TenantRuleSets ruleSets;
    private final TenantResolver resolver;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final RuleUploads uploads;

    RuleSetController(CustomRules rules, RuleToggles toggles, RuleExceptions exceptions, TenantRuleSets ruleSets,
                      PlaceholderValues placeholders, TenantResolver resolver, ApplicationEventPublisher events,
                      Clock clock) {
        this.uploads = new RuleUploads(ruleSets, rules);
        this.rules = rules;
        this.toggles = toggles;
        this.exceptions = exceptions;
        this.ruleSets = ruleSets;
        this.resolver = resolver;
        this.events = events;
        this.clock = clock;
    }

    record RuleBody(String yaml) {
    }

    record EnabledBody(Boolean enabled) {
    }

    record ExceptionBody(String yaml, String reason, String expires) {
    }

    /** @param kind {@code rule} or {@code correlation} */
    record RuleView(String ruleId, String title, String kind, String scope, String yaml, Instant createdAt,
                    String createdBy) {
        static RuleView of(CustomRule rule) {
            return new RuleView(rule.ruleId(), RuleSetController.title(rule), SigmaDocuments.isCorrelation(rule.yaml()) ? "correlation"
                    : "rule", rule.msspWide() ? "mssp" : rule.tenant().toString(), rule.yaml(), rule.createdAt(),
                    rule.createdBy());
        }
    }

    /** What one upload added: each of its documents, in upload order. */
    record AddedRules(List<RuleView> rules) {
    }

    record InactiveView(String ruleId, String origin, List<String> reasons) {
    }

    record ToggleView(String ruleId, boolean enabled) {
    }

    record ExceptionView(String id, String filterId, String title, List<String> rules, String yaml, String author,
                         String reason, Instant expiresAt, Instant createdAt) {
    }

    // --- MSSP-wide rules ---

    @Requires(Permission.PLATFORM_RULES_MANAGE)
    @PostMapping("/api/v1/platform/rules")
    @ResponseStatus(HttpStatus.CREATED)
    AddedRules addPlatformRule(@RequestBody RuleBody body, Principal caller) {
        SequencedMap<String, String> documents = uploads.check(body.yaml(), null);
        List<CustomRule> added = rules.addAllPlatform(documents, author(caller));
        events.publishEvent(RulesChanged.msspWide());
        return new AddedRules(added.stream().map(RuleView::of).toList());
    }

    @Requires(Permission.PLATFORM_RULES_MANAGE)
    @GetMapping("/api/v1/platform/rules")
    List<RuleView> platformRules() {
        return rules.listPlatform().stream().map(RuleView::of).toList();
    }

    @Requires(Permission.PLATFORM_RULES_MANAGE)
    @DeleteMapping("/api/v1/platform/rules/{ruleId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deletePlatformRule(@PathVariable String ruleId) {
        if (!rules.deletePlatform(ruleId)) {
            throw new NotFoundException("no MSSP-wide rule '" + ruleId + "'");
        }
        events.publishEvent(RulesChanged.msspWide());
    }

    // --- a tenant's rules and switches ---

    @Requires(Permission.RULES_MANAGE)
    @PostMapping("/api/v1/tenants/{tenant}/rules")
    @ResponseStatus(HttpStatus.CREATED)
    AddedRules addTenantRule(@PathVariable String tenant, @RequestBody RuleBody body, Principal caller) {
        Tenant scope = resolver.resolve(tenant);
        SequencedMap<String, String> documents = uploads.check(body.yaml(), scope.id());
        List<CustomRule> added = rules.addAll(scope.id(), documents, author(caller));
        events.publishEvent(new RulesChanged(scope.id()));
        return new AddedRules(added.stream().map(RuleView::of).toList());
    }

    @Requires(Permission.RULES_READ)
    @GetMapping("/api/v1/tenants/{tenant}/rules")
    List<RuleView> tenantRules(@PathVariable String tenant) {
        Tenant scope = resolver.resolve(tenant);
        return rules.list(scope.id()).stream().map(RuleView::of).toList();
    }

    /** The tenant's rules that do not run (a placeholder without a value, a correlation that does not resolve). */
    @Requires(Permission.RULES_READ)
    @GetMapping("/api/v1/tenants/{tenant}/rules/inactive")
    List<InactiveView> inactiveRules(@PathVariable String tenant) {
        Tenant scope = resolver.resolve(tenant);
        return ruleSets.inactive(scope.id()).stream()
                .map(i -> new InactiveView(i.ruleId(), i.origin(), i.reasons())).toList();
    }

    /** How many shipped rules the tenant runs and which rules it switched off. */
    @Requires(Permission.RULES_READ)
    @GetMapping("/api/v1/tenants/{tenant}/rules/summary")
    RuleSummary summary(@PathVariable String tenant) {
        Tenant scope = resolver.resolve(tenant);
        return new RuleSummary(ruleSets.shippedIds().size(), rules.listPlatform().size(), rules.list(scope.id()).size(),
                toggles.disabled(scope.id()).stream().sorted().toList(), ruleSets.inactive(scope.id()).size());
    }

    record RuleSummary(int shipped, int msspWide, int own, List<String> disabled, int inactive) {
    }

    @Requires(Permission.RULES_MANAGE)
    @DeleteMapping("/api/v1/tenants/{tenant}/rules/{ruleId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteTenantRule(@PathVariable String tenant, @PathVariable String ruleId) {
        Tenant scope = resolver.resolve(tenant);
        if (!rules.delete(scope.id(), ruleId)) {
            throw new NotFoundException("no rule '" + ruleId + "' of tenant " + tenant);
        }
        events.publishEvent(new RulesChanged(scope.id()));
    }

    @Requires(Permission.RULES_MANAGE)
    @PutMapping("/api/v1/tenants/{tenant}/rules/{ruleId}/enabled")
    ToggleView setEnabled(@PathVariable String tenant, @PathVariable String ruleId, @RequestBody EnabledBody body) {
        Tenant scope = resolver.resolve(tenant);
        if (body.enabled() == null) {
            throw invalid("switch", "enabled", "required");
        }
        if (!ruleSets.ruleIdsOf(scope.id()).contains(ruleId)) {
            throw new NotFoundException("no rule '" + ruleId + "' for tenant " + tenant);
        }
        toggles.set(scope.id(), ruleId, body.enabled());
        events.publishEvent(new RulesChanged(scope.id()));
        return new ToggleView(ruleId, body.enabled());
    }

    // --- a tenant's exceptions ---

    @Requires(Permission.EXCEPTIONS_MANAGE)
    @PostMapping("/api/v1/tenants/{tenant}/exceptions")
    @ResponseStatus(HttpStatus.CREATED)
    ExceptionView addException(@PathVariable String tenant, @RequestBody ExceptionBody body, Principal caller) {
        Tenant scope = resolver.resolve(tenant);
        Validation validation = new Validation();
        checkYaml(validation, body.yaml());
        validation.require(body.reason() != null && !body.reason().isBlank() && body.reason().length() <= 2000,
                "reason", "required, at most 2000 characters");
        Instant expires = body.expires() == null ? null : validation.field("expires", () -> parseInstant(body.expires()));
        validation.require(expires == null || expires.isAfter(clock.instant()), "expires", "must be in the future");
        validation.throwIfInvalid("exception");
        StoredRuleException candidate = new StoredRuleException(UUID.randomUUID(), scope.id(), body.yaml(),
                author(caller), body.reason().strip(), expires, clock.instant());
        SigmaFilter filter = switch (TenantRuleSets.filter(candidate)) {
            case FilterLoad.Loaded loaded -> loaded.filter();
            case FilterLoad.Rejected rejected -> throw rejected("filter", rejected.problems());
        };
        FilterSet bound = FilterSet.bind(ruleSets.rulesOf(scope.id()), List.of(filter), clock);
        if (!bound.rejected().isEmpty()) {
            throw rejected("filter", bound.rejected().getFirst().problems());
        }
        StoredRuleException added = exceptions.add(scope.id(), body.yaml(), candidate.author(), candidate.reason(), expires);
        events.publishEvent(new RulesChanged(scope.id()));
        return view(added);
    }

    @Requires(Permission.RULES_READ)
    @GetMapping("/api/v1/tenants/{tenant}/exceptions")
    List<ExceptionView> exceptions(@PathVariable String tenant) {
        Tenant scope = resolver.resolve(tenant);
        return exceptions.list(scope.id()).stream().map(RuleSetController::view).toList();
    }

    @Requires(Permission.EXCEPTIONS_MANAGE)
    @DeleteMapping("/api/v1/tenants/{tenant}/exceptions/{exceptionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteException(@PathVariable String tenant, @PathVariable UUID exceptionId) {
        Tenant scope = resolver.resolve(tenant);
        if (!exceptions.delete(scope.id(), exceptionId)) {
            throw new NotFoundException("no exception " + exceptionId + " of tenant " + tenant);
        }
        events.publishEvent(new RulesChanged(scope.id()));
    }

    private static ExceptionView view(StoredRuleException stored) {
        SigmaFilter filter = TenantRuleSets.filter(stored) instanceof FilterLoad.Loaded(SigmaFilter f) ? f : null;
        return new ExceptionView(stored.id().toString(), filter == null ? null : filter.reference(),
                filter == null ? null : filter.title(), filter == null ? List.of() : filter.rules(), stored.yaml(),
                stored.author(), stored.reason(), stored.expiresAt(), stored.createdAt());
    }

    static void checkYaml(Validation validation, String yaml) {
        validation.require(yaml != null && !yaml.isBlank(), "yaml", "required");
        validation.require(yaml == null || yaml.length() <= MAX_YAML, "yaml", "at most " + MAX_YAML + " characters");
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO-8601 instant such as 2025-12-31T00:00:00Z");
        }
    }

    private static String title(CustomRule rule) {
        if (SigmaDocuments.isCorrelation(rule.yaml())) {
            return CorrelationRules.parse(rule.yaml(), TenantRuleSets.origin(rule))
                    instanceof CorrelationLoad.Loaded(CorrelationRule c) ? c.title() : null;
        }
        return SigmaRules.parse(rule.yaml(), TenantRuleSets.origin(rule),
                RuleUploads.anyPlaceholderValue(rule.yaml())) instanceof RuleLoad.Loaded(SigmaRule r) ? r.title() : null;
    }

    private static String author(Principal caller) {
        return caller == null ? "unknown" : caller.getName();
    }

    static InvalidRequestException invalid(String what, String location, String message) {
        return new InvalidRequestException("invalid " + what + ": 1 problem(s)",
                List.of(new ApiError.Problem(location, message)));
    }

    static InvalidRequestException rejected(String what, List<Problem> problems) {
        return new InvalidRequestException("invalid " + what + ": " + problems.size() + " problem(s)", problems.stream()
                .map(p -> new ApiError.Problem(p.location(), p.line().isPresent()
                        ? "line " + p.line().getAsInt() + ": " + p.message() : p.message()))
                .toList());
    }
}
