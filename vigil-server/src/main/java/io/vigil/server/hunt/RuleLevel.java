package io.vigil.server.hunt;

import java.util.Locale;
import java.util.Optional;

/** Sigma's {@code level}, ordered from least to most severe. */
public enum RuleLevel {
    INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL;

    public static Optional<RuleLevel> of(String level) {
        if (level == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(level.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
