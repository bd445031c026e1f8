package io.vigil.server.hunt;

import io.vigil.sigma.correlation.CorrelationMatch;
import io.vigil.sigma.correlation.CorrelationRule;
import java.util.Objects;

/**
 * A correlation that fired, with the event that completed it: its file, line (1-based) and time. The match gives the
 * group, the window (first and last counted event) and the value that met the condition.
 */
public record CorrelationFinding(CorrelationRule rule, CorrelationMatch match, String file, long line) {

    public CorrelationFinding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(file, "file");
    }
}
