package io.vigil.server.detect;

import io.vigil.core.tenant.TenantId;
import io.vigil.sigma.Detection;
import io.vigil.sigma.Problem;
import io.vigil.sigma.RuleLoad;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.SigmaRules;
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
import io.vigil.store.rules.RuleExceptions;
import io.vigil.store.rules.RuleToggles;
import io.vigil.store.rules.StoredRuleException;
import java.time.Clock;
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
 */
final class TenantRuleSets {

    private static final Logger log = LoggerFactory.getLogger(TenantRuleSets.class);
    private static final String MSSP = "mssp";

    /** One layer of rules and its routed set. */
    record Layer(List<SigmaRule> rules, RoutedRuleSet routed) {
    }

    /** A tenant's layer, switches and bound exceptions. */
    record TenantLayer(Layer own, Set<String> disabled, FilterSet exceptions) {
    }

    private final LogsourceRouter router;
    private final Layer shipped;
    private final Set<String> shippedIds;
    private final CustomRules customRules;
    private final RuleToggles toggles;
    private final RuleExceptions exceptions;
    private final Clock clock;
    private final Map<String, Layer> mssp = new ConcurrentHashMap<>();
    private final Map<TenantId, TenantLayer> tenants = new ConcurrentHashMap<>();

    TenantRuleSets(LogsourceRouter router, List<SigmaRule> shipped, CustomRules customRules, RuleToggles toggles,
                   RuleExceptions exceptions, Clock clock) {
        this.router = Objects.requireNonNull(router, "router");
        this.shipped = new Layer(List.copyOf(shipped), RoutedRuleSet.of(router, shipped));
        this.shippedIds = shipped.stream().map(SigmaRule::id).filter(Objects::nonNull).collect(Collectors.toUnmodifiableSet());
        this.customRules = customRules;
        this.toggles = toggles;
        this.exceptions = exceptions;
        this.clock = clock;
    }

    @EventListener
    void on(RulesChanged change) {
        if (change.tenant() == null) {
            mssp.clear();
            tenants.clear();
        } else {
            tenants.remove(change.tenant());
        }
    }

    /** The tenant's detections for one event, split into kept and suppressed by its exceptions. */
    FilterResult evaluate(TenantId tenant, String sourceTag, EventFields event) {
        Layer msspWide = msspLayer();
        TenantLayer layer = tenantLayer(tenant);
        List<Detection> detections = new ArrayList<>(shipped.routed().evaluate(sourceTag, event));
        if (!msspWide.rules().isEmpty()) {
            detections.addAll(msspWide.routed().evaluate(sourceTag, event));
        }
        if (!layer.own().rules().isEmpty()) {
            detections.addAll(layer.own().routed().evaluate(sourceTag, event));
        }
        if (!layer.disabled().isEmpty()) {
            detections.removeIf(d -> layer.disabled().contains(d.ruleId()));
        }
        if (detections.isEmpty() || layer.exceptions().filters().isEmpty()) {
            return new FilterResult(detections, List.of());
        }
        // Filters read the event as the rules do: through the renames of its logsource class.
        return layer.exceptions().apply(router.classify(sourceTag, event).fields(event), detections);
    }

    Set<String> shippedIds() {
        return shippedIds;
    }

    /** Every rule the tenant could run (switched-off ones included): what its exceptions and switches may name. */
    List<SigmaRule> rulesOf(TenantId tenant) {
        return Stream.of(shipped.rules(), msspLayer().rules(), tenantLayer(tenant).own().rules())
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
            Layer own = layer(customRules.list(t));
            Set<String> disabled = toggles.disabled(t);
            List<SigmaFilter> filters = new ArrayList<>();
            for (StoredRuleException stored : exceptions.list(t)) {
                switch (filter(stored)) {
                    case FilterLoad.Loaded loaded -> filters.add(loaded.filter());
                    case FilterLoad.Rejected rejected -> warn("exception", rejected.origin(), rejected.problems());
                }
            }
            List<SigmaRule> all = Stream.of(shipped.rules(), msspLayer().rules(), own.rules()).flatMap(List::stream).toList();
            FilterSet bound = FilterSet.bind(all, filters, clock);
            bound.rejected().forEach(r -> warn("exception", r.origin(), r.problems()));
            log.debug("Rule set of tenant {}: {} own rules, {} switched off, {} exceptions", t, own.rules().size(),
                    disabled.size(), bound.filters().size());
            return new TenantLayer(own, disabled, bound);
        });
    }

    private Layer layer(Collection<CustomRule> stored) {
        List<SigmaRule> rules = new ArrayList<>();
        for (CustomRule rule : stored) {
            switch (SigmaRules.parse(rule.yaml(), origin(rule))) {
                case RuleLoad.Loaded loaded -> rules.add(loaded.rule());
                case RuleLoad.Rejected rejected -> warn("rule", rejected.origin(), rejected.problems());
            }
        }
        return new Layer(List.copyOf(rules), RoutedRuleSet.of(router, rules));
    }

    static String origin(CustomRule rule) {
        return (rule.msspWide() ? "mssp/" : "tenant/" + rule.tenant() + "/") + rule.ruleId();
    }

    private static void warn(String what, String origin, List<Problem> problems) {
        log.warn("Stored {} {} skipped: {}", what, origin,
                problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
    }
}
