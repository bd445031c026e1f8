package io.vigil.server.hunt;

import io.vigil.ingest.normalize.Timestamps;
import io.vigil.sigma.Detection;
import io.vigil.sigma.correlation.CorrelationEngine;
import io.vigil.sigma.correlation.CorrelationLimits;
import io.vigil.sigma.correlation.CorrelationMatch;
import io.vigil.sigma.correlation.CorrelationRule;
import io.vigil.sigma.correlation.CorrelationSet;
import io.vigil.sigma.correlation.CorrelationStats;
import io.vigil.sigma.event.EventFields;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Sigma correlation rules in a hunt. Each event's detections are fed in input order, on the reading thread, to an
 * engine of the hunt's own ({@link #start}: a new one per scan); what fires is reported beside the detections.
 *
 * <p>A hunt reads evidence in whatever order its files come, so an event counts in the window of its own event time
 * however late it is read ({@link #LATENESS}); the engine's state limits bound memory. An event without a readable
 * time ({@link HuntEventShapes#time}) feeds no correlation. As the spec says, a rule that correlations reference
 * without {@code generate} reports no detection of its own, only through them.
 */
public final class HuntCorrelations {

    /** A hunt is one body of evidence: one tenant as far as the engine is concerned. */
    static final String TENANT = "hunt";
    /** Lateness that keeps every event of any hunt: evidence spans years at most. */
    static final Duration LATENESS = Duration.ofDays(100 * 366L);

    private final CorrelationSet correlations;
    private final Set<String> withheld;
    private final Predicate<Detection> reportDetection;
    private final Predicate<CorrelationRule> reportCorrelation;
    private final Function<EventFields, EventFields> asRulesSeeIt;
    private final CorrelationLimits limits;

    /**
     * @param reportDetection   whether a detection of a rule is reported (the hunt's level and status filters);
     *                          rules only correlations need run but are not reported
     * @param reportCorrelation whether a correlation's matches are reported (the level filter)
     * @param asRulesSeeIt      the event's fields as its rules read them (its logsource's renames), which is how
     *                          group-by fields are named
     */
    public HuntCorrelations(CorrelationSet correlations, Predicate<Detection> reportDetection,
            Predicate<CorrelationRule> reportCorrelation, Function<EventFields, EventFields> asRulesSeeIt) {
        this.correlations = correlations;
        this.withheld = correlations.withheld();
        this.reportDetection = reportDetection;
        this.reportCorrelation = reportCorrelation;
        this.asRulesSeeIt = asRulesSeeIt;
        CorrelationLimits defaults = CorrelationLimits.DEFAULTS;
        this.limits = new CorrelationLimits(defaults.maxGroupsPerCorrelation(), defaults.maxEventsPerGroup(),
                defaults.maxEventsPerTenant(), Optional.of(LATENESS));
    }

    /** The state of one scan. */
    Scan start() {
        return new Scan(new CorrelationEngine(correlations.rules().values(), limits));
    }

    /** What one event's detections come to: those reported, and the correlations they fired (chains included). */
    record Outcome(List<Detection> reported, List<CorrelationFinding> fired) {
    }

    final class Scan {
        private final CorrelationEngine engine;
        private long untimed;

        private Scan(CorrelationEngine engine) {
            this.engine = engine;
        }

        /** @param eventTime the event's time as written in it ({@link HuntEventShapes#time}) */
        Outcome accept(List<Detection> detections, Map<String, Object> event, Optional<String> eventTime,
                String file, long line) {
            List<Detection> reported = new ArrayList<>(detections.size());
            for (Detection detection : detections) {
                if (reportDetection.test(detection)
                        && (detection.ruleId() == null || !withheld.contains(detection.ruleId()))) {
                    reported.add(detection);
                }
            }
            Instant time = eventTime.map(Timestamps::parse).orElse(null);
            if (time == null) {
                untimed++;
                return new Outcome(reported, List.of());
            }
            EventFields fields = asRulesSeeIt.apply(HuntEventShapes.fields(event));
            List<CorrelationFinding> fired = new ArrayList<>();
            for (Detection detection : detections) {
                for (CorrelationMatch match : engine.accept(TENANT, detection, fields, time)) {
                    CorrelationRule rule = correlations.rules().get(match.correlationKey());
                    if (reportCorrelation.test(rule) && !withheld.contains(match.correlationKey())) {
                        fired.add(new CorrelationFinding(rule, match, file, line));
                    }
                }
            }
            return new Outcome(reported, fired);
        }

        /** Events with detections but no readable time, which fed no correlation. */
        long untimed() {
            return untimed;
        }

        CorrelationStats stats() {
            return engine.stats();
        }
    }
}
