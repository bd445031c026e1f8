package io.vigil.sigma;

import java.util.Objects;
import org.yaml.snakeyaml.nodes.MappingNode;

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

    /**
     * Compiles a detection-shaped mapping (search identifiers and {@code condition}) exactly as a rule's
     * {@code detection} is compiled, reporting problems under {@code path}. For documents that embed a detection,
     * such as the {@code filter} section of Sigma filters ({@code io.vigil.sigma.filter}).
     */
    public static DetectionLoad compileDetection(MappingNode section, String path, String origin,
            SigmaOptions options) {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        RuleParser parser = new RuleParser(origin, options);
        CompiledRule detection = parser.detectionSection(section, path);
        return detection == null ? new DetectionLoad.Rejected(parser.problems()) : new DetectionLoad.Compiled(detection);
    }
}
