package io.vigil.sigma.correlation;

import java.util.Objects;

/**
 * Entry point: loads Sigma correlation rules (correlation specification 2.1.0) from YAML, one rule per document,
 * collecting every problem before rejecting.
 */
public final class CorrelationRules {

    private CorrelationRules() {
    }

    /**
     * Loads without checking references: each entry of {@code rules} is kept verbatim as the key, so it must be the
     * id that detections carry (or the key of another correlation). Use the three-argument form to resolve names
     * and reject unknown references.
     */
    public static CorrelationLoad parse(String yaml, String origin) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(origin, "origin");
        return new CorrelationParser(origin, null).parse(yaml);
    }

    /** Loads and resolves every reference (and every alias's rule name) against {@code known}; unknown ones are problems. */
    public static CorrelationLoad parse(String yaml, String origin, RuleReferences known) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(known, "known");
        return new CorrelationParser(origin, known).parse(yaml);
    }
}
