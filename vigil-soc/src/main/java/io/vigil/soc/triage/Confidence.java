package io.vigil.soc.triage;

import java.util.Locale;

/**
 * How much a detection can be trusted. Derived from the Sigma rule's status (stable high, test medium, anything
 * else low) and high for correlations; the adjustment is added to the priority score.
 */
public enum Confidence {
    LOW(-1), MEDIUM(0), HIGH(1);

    private final int adjustment;

    Confidence(int adjustment) {
        this.adjustment = adjustment;
    }

    public int adjustment() {
        return adjustment;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Confidence ofRuleStatus(String status, boolean correlation) {
        if (correlation) {
            return HIGH;
        }
        return switch (status == null ? "" : status.toLowerCase(Locale.ROOT)) {
            case "stable" -> HIGH;
            case "test" -> MEDIUM;
            default -> LOW;
        };
    }
}
