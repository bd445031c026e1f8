package io.vigil.server.hunt;

import io.vigil.sigma.Detection;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.correlation.CorrelationRule;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which loaded rules run. An absent minimum level or an empty status set selects everything; once a filter is
 * given, a rule that does not state that attribute is left out, since it cannot be shown to qualify.
 */
public record RuleSelection(Optional<RuleLevel> minLevel, Set<String> statuses) {

    public static final RuleSelection ALL = new RuleSelection(Optional.empty(), Set.of());

    public RuleSelection {
        statuses = statuses.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean accepts(SigmaRule rule) {
        return accepts(rule.level(), rule.status());
    }

    /** As for the detection's rule. */
    public boolean accepts(Detection detection) {
        return accepts(detection.level(), detection.status());
    }

    /** By level only: a correlation rule has no status here, so a status filter leaves it in. */
    public boolean accepts(CorrelationRule correlation) {
        return levelOk(correlation.level());
    }

    private boolean accepts(String level, String status) {
        boolean statusOk = statuses.isEmpty()
                || (status != null && statuses.contains(status.toLowerCase(Locale.ROOT)));
        return levelOk(level) && statusOk;
    }

    private boolean levelOk(String level) {
        return minLevel.isEmpty()
                || RuleLevel.of(level).map(l -> l.compareTo(minLevel.get()) >= 0).orElse(false);
    }
}
