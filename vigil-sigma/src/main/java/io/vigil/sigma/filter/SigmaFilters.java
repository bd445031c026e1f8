package io.vigil.sigma.filter;

import io.vigil.sigma.SigmaOptions;
import java.util.Objects;

/** Entry point: loads one Sigma filter document; a bad filter is rejected with all its problems. */
public final class SigmaFilters {

    private SigmaFilters() {
    }

    public static FilterLoad parse(String yaml, String origin) {
        return parse(yaml, origin, SigmaOptions.DEFAULTS);
    }

    /** {@code options} are those used for rules: placeholders for {@code |expand} and the limits apply alike. */
    public static FilterLoad parse(String yaml, String origin, SigmaOptions options) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(options, "options");
        return new FilterParser(origin, options).parse(yaml);
    }
}
