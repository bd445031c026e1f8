package io.vigil.server.hunt;

import io.vigil.sigma.SigmaRule;
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
        boolean levelOk = minLevel.isEmpty()
                || RuleLevel.of(rule.level()).map(level -> level.compareTo(minLevel.get()) >= 0).orElse(false);
        boolean statusOk = statuses.isEmpty()
                || (rule.status() != null && statuses.contains(rule.status().toLowerCase(Locale.ROOT)));
        return levelOk && statusOk;
    }
}
