package io.vigil.soc.incident;

import io.vigil.soc.Priority;
import io.vigil.soc.Tier;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Automatic escalation: the tier a new incident starts in per priority, and how long an unfinished incident may stay
 * in one tier before it moves up by itself. Waiting on the client does not count as time in tier.
 */
public record EscalationPolicy(Map<Priority, Tier> initialTier, Map<Priority, Duration> maxTimeInTier) {

    public static final EscalationPolicy DEFAULTS = new EscalationPolicy(
            Map.of(Priority.P1, Tier.T2, Priority.P2, Tier.T1, Priority.P3, Tier.T1, Priority.P4, Tier.T1),
            Map.of(Priority.P1, Duration.ofMinutes(30), Priority.P2, Duration.ofHours(2),
                    Priority.P3, Duration.ofHours(8), Priority.P4, Duration.ofHours(48)));

    public EscalationPolicy {
        initialTier = new EnumMap<>(initialTier);
        maxTimeInTier = new EnumMap<>(maxTimeInTier);
        for (Priority p : Priority.values()) {
            if (!initialTier.containsKey(p) || !maxTimeInTier.containsKey(p)) {
                throw new IllegalArgumentException("escalation policy lacks priority " + p);
            }
            if (maxTimeInTier.get(p).isNegative() || maxTimeInTier.get(p).isZero()) {
                throw new IllegalArgumentException("time in tier for " + p + " must be positive");
            }
        }
        initialTier = Map.copyOf(initialTier);
        maxTimeInTier = Map.copyOf(maxTimeInTier);
    }

    public Tier initialTier(Priority priority) {
        return initialTier.get(priority);
    }

    public Duration maxTimeInTier(Priority priority) {
        return maxTimeInTier.get(priority);
    }
}
