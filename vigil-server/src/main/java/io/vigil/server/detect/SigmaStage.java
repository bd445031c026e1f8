package io.vigil.server.detect;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.core.event.Event;
import io.vigil.core.tenant.TenantId;
import io.vigil.core.pipeline.EventStage;
import io.vigil.core.pipeline.Phase;
import io.vigil.core.pipeline.StageContext;
import io.vigil.core.pipeline.StageResult;
import io.vigil.sigma.Detection;
import io.vigil.sigma.correlation.CorrelationMatch;
import io.vigil.sigma.correlation.CorrelationRule;
import io.vigil.sigma.event.EventFields;
import io.vigil.sigma.event.EventFieldsFactory;
import io.vigil.sigma.filter.FilterResult;
import io.vigil.sigma.logsource.RoutedRuleSet;
import io.vigil.store.detection.DetectionEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Sigma rules over each event's decoded fields, routed by logsource, and records every match under
 * {@link DetectionEntry#COMMON_KEY} in the event's common fields, where the detections output picks it up. The
 * event always goes on; an event no rule matches is passed on unchanged.
 *
 * <p>The rules are the event's tenant's effective set ({@link TenantRuleSets}). A detection an exception suppresses
 * is not recorded as a detection but never vanishes unseen: it is counted in {@value #SUPPRESSED_METRIC} (tagged
 * tenant and rule), logged at debug and listed under {@value #SUPPRESSED_KEY} in the event's common fields with
 * the filters that suppressed it.
 *
 * <p>Kept detections feed the tenant's correlation rules; a correlation that fires is recorded as a detection of
 * its own on the event that completed it (the correlation's id, title, level and author, its group-by values,
 * window and value). A base detection that a correlation references without {@code generate} is not recorded as
 * a detection; its rule id is listed under {@value #WITHHELD_KEY} so that it stays visible with the event.
 */
final class SigmaStage implements EventStage {

    static final String NAME = "sigma";

    static final String SUPPRESSED_KEY = "vigil.suppressed";
    static final String SUPPRESSED_METRIC = "vigil.detection.suppressed";
    static final String WITHHELD_KEY = "vigil.correlation_inputs";

    private static final Logger log = LoggerFactory.getLogger(SigmaStage.class);

    /** The effective rules of a tenant, applied to one event at its event time. */
    @FunctionalInterface
    interface Rules {
        TenantRuleSets.Evaluation evaluate(TenantId tenant, String sourceTag, EventFields event, Instant eventTime);
    }

    private final Rules rules;
    private final MeterRegistry metrics;
    private Clock clock = Clock.systemUTC();

    /** The same rules for every tenant, without exceptions. */
    SigmaStage(RoutedRuleSet rules) {
        this((tenant, sourceTag, event, time) -> new TenantRuleSets.Evaluation(
                new FilterResult(rules.evaluate(sourceTag, event), List.of()), List.of(), List.of()), null);
    }

    /** @param metrics where suppressions are counted, or null */
    SigmaStage(Rules rules, MeterRegistry metrics) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Phase phase() {
        return Phase.DETECT;
    }

    @Override
    public void init(StageContext context) {
        clock = context.clock();
    }

    @Override
    public StageResult process(Event event) {
        // The collector's ?source= tag lets the logsource mapping route sources whose shape is ambiguous.
        TenantRuleSets.Evaluation evaluation = rules.evaluate(event.tenant(), event.source().name(),
                EventFieldsFactory.of(event.fields()), event.time());
        FilterResult result = evaluation.filtered();
        if (result.kept().isEmpty() && result.suppressed().isEmpty() && evaluation.withheld().isEmpty()
                && evaluation.correlations().isEmpty()) {
            return new StageResult.Continue(event);
        }
        Instant now = clock.instant();
        Map<String, Object> common = new LinkedHashMap<>();
        List<Map<String, Object>> entries = new ArrayList<>();
        result.kept().forEach(d -> entries.add(entry(d, now).toMap()));
        evaluation.correlations().forEach(f -> entries.add(entry(f, now).toMap()));
        if (!entries.isEmpty()) {
            common.put(DetectionEntry.COMMON_KEY, entries);
        }
        if (!evaluation.withheld().isEmpty()) {
            common.put(WITHHELD_KEY, evaluation.withheld().stream().map(SigmaStage::ruleId).distinct().toList());
        }
        if (!result.suppressed().isEmpty()) {
            common.put(SUPPRESSED_KEY, suppressed(event, result.suppressed()));
        }
        return new StageResult.Continue(event.withCommon(common));
    }

    private List<Map<String, Object>> suppressed(Event event, List<FilterResult.Suppressed> suppressed) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (FilterResult.Suppressed s : suppressed) {
            String ruleId = ruleId(s.detection());
            List<Map<String, Object>> filters = new ArrayList<>();
            for (FilterResult.SuppressedBy by : s.filters()) {
                Map<String, Object> filter = new LinkedHashMap<>();
                filter.put("filter", by.filter());
                filter.put("title", by.title());
                if (by.reason() != null) {
                    filter.put("reason", by.reason());
                }
                filters.add(filter);
            }
            entries.add(Map.of("ruleId", ruleId, "title", s.detection().title(), "filters", filters));
            if (metrics != null) {
                Counter.builder(SUPPRESSED_METRIC).description("Sigma detections suppressed by a tenant's exception")
                        .tag("tenant", event.tenant().toString()).tag("rule", ruleId).register(metrics).increment();
            }
            log.debug("Detection of rule {} on event {} of tenant {} suppressed by {}", ruleId, event.id(),
                    event.tenant(), s.filters().stream().map(FilterResult.SuppressedBy::filter).toList());
        }
        return entries;
    }

    private static String ruleId(Detection detection) {
        return detection.ruleId() != null ? detection.ruleId() : detection.title();
    }

    static DetectionEntry entry(TenantCorrelations.Fired fired, Instant detectedAt) {
        CorrelationRule rule = fired.rule();
        CorrelationMatch match = fired.match();
        Map<String, String> groupBy = new LinkedHashMap<>();
        match.groupBy().forEach((field, value) -> groupBy.put(field, String.valueOf(value)));
        return new DetectionEntry(rule.id() != null ? rule.id() : rule.key(), rule.title(), rule.level(), null,
                rule.author(), rule.tags(), List.of(), List.copyOf(groupBy.keySet()), detectedAt,
                new DetectionEntry.Correlated(rule.type().yamlName(), groupBy,
                        match.windowStart(), match.windowEnd(), match.value()));
    }

    static DetectionEntry entry(Detection detection, Instant detectedAt) {
        // SigmaHQ rules all carry an id; a rule without one is identified by its title.
        String ruleId = ruleId(detection);
        return new DetectionEntry(ruleId, detection.title(), detection.level(), detection.status(),
                detection.author(), detection.tags(), detection.references(), detection.matchedFields(), detectedAt);
    }
}
