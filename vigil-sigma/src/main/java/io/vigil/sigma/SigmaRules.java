package io.vigil.sigma;

import java.util.Objects;

/**
 * Entry point: loads Sigma rules (specification v2) from YAML. A rule is validated and compiled completely at
 * load time; a bad rule is rejected with all its problems and never fails while events are matched.
 */
public final class SigmaRules {

    private SigmaRules() {
    }

    /**
     * @param yaml   the rule text (one YAML document)
     * @param origin where it came from, e.g. its path, kept on the rule and in rejections
     */
    public static RuleLoad parse(String yaml, String origin) {
        return parse(yaml, origin, SigmaOptions.DEFAULTS);
    }

    public static RuleLoad parse(String yaml, String origin, SigmaOptions options) {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(options, "options");
        return new RuleParser(origin, options).parse(yaml);
    }
}
