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
 */
final class SigmaStage implements EventStage {

    static final String NAME = "sigma";

    static final String SUPPRESSED_KEY = "vigil.suppressed";
    static final String SUPPRESSED_METRIC = "vigil.detection.suppressed";

    private static final Logger log = LoggerFactory.getLogger(SigmaStage.class);

    /** The effective rules of a tenant, applied to one event. */
    @FunctionalInterface
    interface Rules {
        FilterResult evaluate(TenantId tenant, String sourceTag, EventFields event);
    }

    private final Rules rules;
    private final MeterRegistry metrics;
    private Clock clock = Clock.systemUTC();

    /** The same rules for every tenant, without exceptions. */
    SigmaStage(RoutedRuleSet rules) {
        this((tenant, sourceTag, event) -> new FilterResult(rules.evaluate(sourceTag, event), List.of()), null);
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
        FilterResult result = rules.evaluate(event.tenant(), event.source().name(), EventFieldsFactory.of(event.fields()));
        if (result.kept().isEmpty() && result.suppressed().isEmpty()) {
            return new StageResult.Continue(event);
        }
        Instant now = clock.instant();
        Map<String, Object> common = new LinkedHashMap<>();
        if (!result.kept().isEmpty()) {
            common.put(DetectionEntry.COMMON_KEY, result.kept().stream().map(d -> entry(d, now).toMap()).toList());
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

    private static DetectionEntry entry(Detection detection, Instant detectedAt) {
        // SigmaHQ rules all carry an id; a rule without one is identified by its title.
        String ruleId = ruleId(detection);
        return new DetectionEntry(ruleId, detection.title(), detection.level(), detection.status(),
                detection.author(), detection.tags(), detection.references(), detection.matchedFields(), detectedAt);
    }
}
