package io.vigil.server.detect;

import io.vigil.core.tenant.TenantId;
import io.vigil.sigma.Detection;
import io.vigil.sigma.Problem;
import io.vigil.sigma.RuleLoad;
import io.vigil.sigma.SigmaDocuments;
import io.vigil.sigma.SigmaOptions;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.SigmaRules;
import io.vigil.sigma.correlation.CorrelationLimits;
import io.vigil.sigma.correlation.CorrelationRule;
import io.vigil.sigma.correlation.RuleReferences;
import io.vigil.sigma.event.EventFields;
import io.vigil.sigma.filter.FilterLoad;
import io.vigil.sigma.filter.FilterResult;
import io.vigil.sigma.filter.FilterSet;
import io.vigil.sigma.filter.SigmaFilter;
import io.vigil.sigma.filter.SigmaFilters;
import io.vigil.sigma.logsource.LogsourceRouter;
import io.vigil.sigma.logsource.RoutedRuleSet;
import io.vigil.store.rules.CustomRule;
import io.vigil.store.rules.CustomRules;
import io.vigil.store.rules.PlaceholderValues;
import io.vigil.store.rules.RuleExceptions;
import io.vigil.store.rules.RuleToggles;
import io.vigil.store.rules.StoredRuleException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Each tenant's effective rule set: the shipped rules, the MSSP-wide rules and the tenant's own rules, less those
 * the tenant switched off, followed by the tenant's active exceptions.
 *
 * <p>The three rule layers are separate {@link RoutedRuleSet}s whose detections are concatenated: the shipped set
 * (thousands of rules, the expensive one to index) is built once and shared by every tenant; the MSSP-wide set is
 * shared too and the tenant's own set is small. A switched-off rule is removed from the detections by id, so a
 * switch never re-indexes anything. MSSP-wide and tenant layers are read from the store lazily, on the first event
 * after a {@link RulesChanged}, and cached until the next one. A stored document that no longer parses or binds is
 * logged and skipped.
 *
 * <p>Rules whose {@code |expand} values use placeholders (shipped, MSSP-wide or the tenant's) are compiled per
 * tenant with its effective values (MSSP-wide defaults overridden by its own); one lacking a value is inactive and
 * listed by {@link #inactive} with the compiler's reason, never silently matching nothing. Correlation rules
 * (MSSP-wide and the tenant's) are loaded per tenant against all its base rules into a {@link TenantCorrelations}
 * that every kept base detection of the tenant is fed to; a rule set change keeps its engine, and so its windows,
 * when the tenant's correlations are exactly the same as before, and starts it empty otherwise.
 */
final class TenantRuleSets {

    private static final Logger log = LoggerFactory.getLogger(TenantRuleSets.class);
    private static final String MSSP = "mssp";

    /** A stored or shipped document kept as text, compiled later per tenant. */
    record Source(String origin, String yaml) {
    }

    /**
     * One layer of rules and its routed set, the rules waiting for placeholder values, the correlations, and the
     * spec names of its base rules (name &rarr; id).
     */
    record Layer(List<SigmaRule> rules, RoutedRuleSet routed, List<Source> expanding,
                 List<TenantCorrelations.Source> correlations, Map<String, String> names) {
    }

    /** A rule the tenant has but that does not run, and why. */
    record Inactive(String ruleId, String origin, List<String> reasons) {
    }

    /**
     * A tenant's layer, its placeholder-expanded rules, switches, bound exceptions, correlations and inactive rules.
     */
    record TenantLayer(Layer own, Layer expanded, Set<String> disabled, FilterSet exceptions,
                       TenantCorrelations correlations, List<Inactive> inactive) {
    }

    /** One event's outcome for a tenant. */
    record Evaluation(FilterResult filtered, List<Detection> withheld, List<TenantCorrelations.Fired> correlations) {
        static final Evaluation NOTHING = new Evaluation(new FilterResult(List.of(), List.of()), List.of(), List.of());
    }

    private final LogsourceRouter router;
    private final Layer shipped;
    private final Set<String> shippedIds;
    private final CustomRules customRules;
    private final RuleToggles toggles;
    private final RuleExceptions exceptions;
    private final Clock clock;
    private final PlaceholderValues placeholders;
    private final CorrelationLimits limits;
    private final Map<String, Layer> mssp = new ConcurrentHashMap<>();
    private final Map<TenantId, TenantLayer> tenants = new ConcurrentHashMap<>();
    private final Map<TenantId, TenantCorrelations> correlations = new ConcurrentHashMap<>();

    TenantRuleSets(LogsourceRouter router, ShippedRules.Loaded shipped, CustomRules customRules, RuleToggles toggles,
                   RuleExceptions exceptions, PlaceholderValues placeholders, CorrelationLimits limits, Clock clock) {
        this.router = Objects.requireNonNull(router, "router");
        this.shipped = new Layer(shipped.rules(), RoutedRuleSet.of(router, shipped.rules()), shipped.expanding(),
                shipped.correlations(), Map.of());
        this.placeholders = placeholders;
        this.limits = limits;
        this.shippedIds = Stream.concat(shipped.rules().stream().map(SigmaRule::id),
                        shipped.expanding().stream().map(source -> SigmaDocuments.id(source.yaml()))).filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
        this.customRules = customRules;
        this.toggles = toggles;
        this.exceptions = exceptions;
        this.clock = clock;
    }

    /** Drops what was cached; correlation engines survive in {@link #correlations} until their rules change. */
    @EventListener
    void on(RulesChanged change) {
        if (change.tenant() == null) {
            mssp.clear();
            tenants.clear();
        } else {
            tenants.remove(change.tenant());
        }
    }

    /**
     * The tenant's detections for one event, split into kept and suppressed by its exceptions; the kept ones are fed
     * to the tenant's correlations, and those a correlation references without {@code generate} are withheld.
     */
    Evaluation evaluate(TenantId tenant, String sourceTag, EventFields event, Instant eventTime) {
        TenantLayer layer = tenantLayer(tenant);
        return evaluate(tenant, layer, layer.correlations(), sourceTag, event, eventTime);
    }

    /**
     * As {@link #evaluate}, but the kept detections feed {@code correlations} instead of the tenant's live engine:
     * for a retro-hunt, which runs the tenant's correlations over stored events with an engine of its own
     * ({@link #huntCorrelations}) and so never touches the live windows.
     */
    Evaluation evaluate(TenantId tenant, TenantCorrelations correlations, String sourceTag, EventFields event,
                        Instant eventTime) {
        return evaluate(tenant, tenantLayer(tenant), correlations, sourceTag, event, eventTime);
    }

    private Evaluation evaluate(TenantId tenant, TenantLayer layer, TenantCorrelations correlated, String sourceTag,
                                EventFields event, Instant eventTime) {
        List<Detection> detections = baseDetections(tenant, layer, sourceTag, event);
        if (detections.isEmpty()) {
            return Evaluation.NOTHING;
        }
        // Filters and correlations read the event as the rules do: through the renames of its logsource class.
        EventFields renamed = layer.exceptions().filters().isEmpty() && correlated.engine() == null
                ? event : router.classify(sourceTag, event).fields(event);
        FilterResult filtered = layer.exceptions().filters().isEmpty() ? new FilterResult(detections, List.of())
                : layer.exceptions().apply(renamed, detections);
        return correlate(tenant, correlated, layer.disabled(), filtered, renamed, eventTime);
    }

    /**
     * Feeds the kept detections of one event to {@code correlated}; what fired, less correlations switched off or
     * themselves consumed without {@code generate}, and the kept detections split into kept and withheld.
     */
    static Evaluation correlate(TenantId tenant, TenantCorrelations correlated, Set<String> disabled,
                                FilterResult filtered, EventFields renamed, Instant eventTime) {
        if (correlated.engine() == null) {
            return new Evaluation(filtered, List.of(), List.of());
        }
        List<TenantCorrelations.Fired> fired = new ArrayList<>(
                correlated.accept(tenant.toString(), filtered.kept(), renamed, eventTime));
        fired.removeIf(f -> disabled.contains(f.match().correlationKey())
                || (f.rule().id() != null && disabled.contains(f.rule().id()))
                || correlated.withheld().contains(f.match().correlationKey()));
        List<Detection> kept = new ArrayList<>();
        List<Detection> withheld = new ArrayList<>();
        for (Detection detection : filtered.kept()) {
            (detection.ruleId() != null && correlated.withheld().contains(detection.ruleId()) ? withheld : kept)
                    .add(detection);
        }
        return new Evaluation(new FilterResult(kept, filtered.suppressed()), withheld, fired);
    }

    /** The tenant's correlations with a new, empty engine of their own (the same rules and limits as live). */
    TenantCorrelations huntCorrelations(TenantId tenant) {
        return tenantLayer(tenant).correlations().withNewEngine(limits);
    }

    /**
     * Correlations posted for a hunt, loaded against the posted base rules ({@code names}: their spec names &rarr;
     * ids) with the live limits and a new engine; the ones that do not load are listed as inactive.
     */
    TenantCorrelations huntCorrelations(List<TenantCorrelations.Source> sources, List<SigmaRule> baseRules,
                                        Map<String, String> names) {
        return TenantCorrelations.load(sources, baseRules, names, limits, null);
    }

    /** The router that classifies events by logsource for every layer. */
    LogsourceRouter router() {
        return router;
    }

    private List<Detection> baseDetections(TenantId tenant, TenantLayer layer, String sourceTag, EventFields event) {
        Layer msspWide = msspLayer();
        List<Detection> detections = new ArrayList<>(shipped.routed().evaluate(sourceTag, event));
        if (!msspWide.rules().isEmpty()) {
            detections.addAll(msspWide.routed().evaluate(sourceTag, event));
        }
        if (!layer.own().rules().isEmpty()) {
            detections.addAll(layer.own().routed().evaluate(sourceTag, event));
        }
        if (!layer.expanded().rules().isEmpty()) {
            detections.addAll(layer.expanded().routed().evaluate(sourceTag, event));
        }
        if (!layer.disabled().isEmpty()) {
            detections.removeIf(d -> layer.disabled().contains(d.ruleId()));
        }
        return detections;
    }

    /**
     * What a correlation uploaded for the tenant (null: MSSP-wide) may reference: the rules it runs, by id and by
     * spec name, and (for a tenant) its loaded correlations.
     */
    RuleReferences references(TenantId tenant) {
        Layer msspWide = msspLayer();
        if (tenant == null) {
            RuleReferences references = RuleReferences.of(Stream.concat(shipped.rules().stream(),
                    msspWide.rules().stream()).toList());
            for (var name : msspWide.names().entrySet()) {
                references = references.withName(name.getKey(), name.getValue());
            }
            return references;
        }
        TenantLayer layer = tenantLayer(tenant);
        RuleReferences references = RuleReferences.of(rulesOf(tenant));
        for (Layer l : List.of(msspWide, layer.own(), layer.expanded())) {
            for (var name : l.names().entrySet()) {
                references = references.withName(name.getKey(), name.getValue());
            }
        }
        for (CorrelationRule rule : layer.correlations().rules().values()) {
            references = references.with(rule);
        }
        return references;
    }

    /** The tenant's rules that do not run: placeholder rules without values, correlations that do not resolve. */
    List<Inactive> inactive(TenantId tenant) {
        return tenantLayer(tenant).inactive();
    }

    /** Ids of every rule the tenant has, running or not, correlations included: what its switches may name. */
    Set<String> ruleIdsOf(TenantId tenant) {
        TenantLayer layer = tenantLayer(tenant);
        Set<String> ids = new java.util.HashSet<>(shippedIds);
        rulesOf(tenant).stream().map(SigmaRule::id).filter(Objects::nonNull).forEach(ids::add);
        ids.addAll(layer.correlations().rules().keySet());
        layer.correlations().rules().values().stream().map(CorrelationRule::id).filter(Objects::nonNull)
                .forEach(ids::add);
        layer.inactive().stream().map(Inactive::ruleId).filter(Objects::nonNull).forEach(ids::add);
        return ids;
    }

    Set<String> shippedIds() {
        return shippedIds;
    }

    /** Every rule the tenant could run (switched-off ones included): what its exceptions and switches may name. */
    List<SigmaRule> rulesOf(TenantId tenant) {
        TenantLayer layer = tenantLayer(tenant);
        return Stream.of(shipped.rules(), msspLayer().rules(), layer.own().rules(), layer.expanded().rules())
                .flatMap(List::stream).toList();
    }

    List<SigmaRule> msspRules() {
        return msspLayer().rules();
    }

    /** The stored exception as a filter carrying the stored reason and expiry; its origin names the exception. */
    static FilterLoad filter(StoredRuleException stored) {
        FilterLoad load = SigmaFilters.parse(stored.yaml(), "exception/" + stored.id());
        if (load instanceof FilterLoad.Loaded(SigmaFilter f)) {
            return new FilterLoad.Loaded(new SigmaFilter(f.id(), f.title(), f.description(), stored.author(), f.date(),
                    f.modified(), f.taxonomy(), f.logsource(), f.rules(), stored.reason(), stored.expiresAt(), f.origin(),
                    f.detection()));
        }
        return load;
    }

    private Layer msspLayer() {
        return mssp.computeIfAbsent(MSSP, k -> layer(customRules.listPlatform()));
    }

    private TenantLayer tenantLayer(TenantId tenant) {
        return tenants.computeIfAbsent(tenant, t -> {
            Layer msspWide = msspLayer();
            Layer own = layer(customRules.list(t));
            List<Inactive> inactive = new ArrayList<>();
            Layer expanded = expanded(t, Stream.of(shipped, msspWide, own).flatMap(l -> l.expanding().stream()).toList(),
                    inactive);
            Set<String> disabled = toggles.disabled(t);
            List<SigmaFilter> filters = new ArrayList<>();
            for (StoredRuleException stored : exceptions.list(t)) {
                switch (filter(stored)) {
                    case FilterLoad.Loaded loaded -> filters.add(loaded.filter());
                    case FilterLoad.Rejected rejected -> warn("exception", rejected.origin(), rejected.problems());
                }
            }
            List<SigmaRule> all = Stream.of(shipped.rules(), msspWide.rules(), own.rules(), expanded.rules())
                    .flatMap(List::stream).toList();
            FilterSet bound = FilterSet.bind(all, filters, clock);
            bound.rejected().forEach(r -> warn("exception", r.origin(), r.problems()));
            Map<String, String> names = new java.util.HashMap<>(msspWide.names());
            names.putAll(own.names());
            names.putAll(expanded.names());
            TenantCorrelations correlated = correlations.compute(t, (k, previous) -> TenantCorrelations.load(
                    Stream.of(shipped, msspWide, own).flatMap(l -> l.correlations().stream()).toList(), all, names,
                    limits, previous));
            inactive.addAll(correlated.inactive());
            log.debug("Rule set of tenant {}: {} own rules, {} placeholder rules, {} correlations, {} switched off, "
                    + "{} exceptions, {} inactive", t, own.rules().size(), expanded.rules().size(),
                    correlated.rules().size(), disabled.size(), bound.filters().size(), inactive.size());
            return new TenantLayer(own, expanded, disabled, bound, correlated, List.copyOf(inactive));
        });
    }

    /** The placeholder rules compiled with the tenant's effective values; those lacking one are inactive. */
    private Layer expanded(TenantId tenant, List<Source> sources, List<Inactive> inactive) {
        if (sources.isEmpty()) {
            return new Layer(List.of(), RoutedRuleSet.of(router, List.of()), List.of(), List.of(), Map.of());
        }
        SigmaOptions options = SigmaOptions.DEFAULTS.withPlaceholders(placeholders.effective(tenant));
        List<SigmaRule> rules = new ArrayList<>();
        Map<String, String> names = new java.util.HashMap<>();
        for (Source source : sources) {
            switch (SigmaRules.parse(source.yaml(), source.origin(), options)) {
                case RuleLoad.Loaded loaded -> {
                    rules.add(loaded.rule());
                    name(source.yaml(), loaded.rule(), names);
                }
                case RuleLoad.Rejected rejected -> inactive.add(new Inactive(SigmaDocuments.id(source.yaml()),
                        source.origin(), RuleDocuments.describe(rejected.problems())));
            }
        }
        return new Layer(List.copyOf(rules), RoutedRuleSet.of(router, rules), List.of(), List.of(), Map.copyOf(names));
    }

    private Layer layer(Collection<CustomRule> stored) {
        List<SigmaRule> rules = new ArrayList<>();
        List<Source> expanding = new ArrayList<>();
        List<TenantCorrelations.Source> correlated = new ArrayList<>();
        Map<String, String> names = new java.util.HashMap<>();
        for (CustomRule rule : stored) {
            if (SigmaDocuments.isCorrelation(rule.yaml())) {
                correlated.add(new TenantCorrelations.Source(origin(rule), rule.yaml()));
            } else if (!SigmaRules.placeholderNames(rule.yaml()).isEmpty()) {
                expanding.add(new Source(origin(rule), rule.yaml()));
            } else {
                switch (SigmaRules.parse(rule.yaml(), origin(rule))) {
                    case RuleLoad.Loaded loaded -> {
                        rules.add(loaded.rule());
                        name(rule.yaml(), loaded.rule(), names);
                    }
                    case RuleLoad.Rejected rejected -> warn("rule", rejected.origin(), rejected.problems());
                }
            }
        }
        return new Layer(List.copyOf(rules), RoutedRuleSet.of(router, rules), List.copyOf(expanding),
                List.copyOf(correlated), Map.copyOf(names));
    }

    private static void name(String yaml, SigmaRule rule, Map<String, String> names) {
        String name = SigmaDocuments.name(yaml);
        if (name != null && rule.id() != null) {
            names.put(name, rule.id());
        }
    }

    static String origin(CustomRule rule) {
        return (rule.msspWide() ? "mssp/" : "tenant/" + rule.tenant() + "/") + rule.ruleId();
    }

    private static void warn(String what, String origin, List<Problem> problems) {
        log.warn("Stored {} {} skipped: {}", what, origin,
                problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
    }
}
