package io.vigil.server.detect;

import io.vigil.core.event.Event;
import io.vigil.core.pipeline.EventStage;
import io.vigil.core.pipeline.Phase;
import io.vigil.core.pipeline.StageContext;
import io.vigil.core.pipeline.StageResult;
import io.vigil.sigma.Detection;
import io.vigil.sigma.event.EventFieldsFactory;
import io.vigil.sigma.logsource.RoutedRuleSet;
import io.vigil.store.detection.DetectionEntry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs Sigma rules over each event's decoded fields, routed by logsource, and records every match under
 * {@link DetectionEntry#COMMON_KEY} in the event's common fields, where the detections output picks it up. The
 * event always goes on; an event no rule matches is passed on unchanged.
 */
final class SigmaStage implements EventStage {

    static final String NAME = "sigma";

    private final RoutedRuleSet rules;
    private Clock clock = Clock.systemUTC();

    SigmaStage(RoutedRuleSet rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
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
        List<Detection> detections = rules.evaluate(event.source().name(), EventFieldsFactory.of(event.fields()));
        if (detections.isEmpty()) {
            return new StageResult.Continue(event);
        }
        Instant now = clock.instant();
        List<Map<String, Object>> entries = detections.stream().map(d -> entry(d, now).toMap()).toList();
        return new StageResult.Continue(event.withCommon(Map.of(DetectionEntry.COMMON_KEY, entries)));
    }

    private static DetectionEntry entry(Detection detection, Instant detectedAt) {
        // SigmaHQ rules all carry an id; a rule without one is identified by its title.
        String ruleId = detection.ruleId() != null ? detection.ruleId() : detection.title();
        return new DetectionEntry(ruleId, detection.title(), detection.level(), detection.status(),
                detection.author(), detection.tags(), detection.references(), detection.matchedFields(), detectedAt);
    }
}
