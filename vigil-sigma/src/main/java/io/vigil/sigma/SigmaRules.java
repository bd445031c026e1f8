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
     * The placeholder names (without percent signs) that the {@code |expand} values of a rule or filter document use,
     * in order of appearance; empty if the document uses none or is not a readable Sigma document. Lets a caller
     * tell a rule that only lacks placeholder values from a broken one, and say which values a rule waits for.
     */
    public static java.util.Set<String> placeholderNames(String yaml) {
        Objects.requireNonNull(yaml, "yaml");
        SigmaYaml.Document document = SigmaYaml.single(yaml, SigmaLimits.DEFAULTS.maxRuleChars(),
                new SigmaYaml.Messages("empty", "several documents", "not a mapping"));
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        if (document.root() != null) {
            collectPlaceholders(document.root(), false, names);
        }
        return names;
    }

    private static void collectPlaceholders(org.yaml.snakeyaml.nodes.Node node, boolean expand,
            java.util.Set<String> names) {
        switch (node) {
            case MappingNode mapping -> {
                for (org.yaml.snakeyaml.nodes.NodeTuple tuple : mapping.getValue()) {
                    boolean expands = tuple.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode key
                            && java.util.Arrays.asList(key.getValue().split("\\|")).contains("expand");
                    collectPlaceholders(tuple.getValueNode(), expands, names);
                }
            }
            case org.yaml.snakeyaml.nodes.SequenceNode sequence ->
                    sequence.getValue().forEach(item -> collectPlaceholders(item, expand, names));
            case org.yaml.snakeyaml.nodes.ScalarNode scalar when expand -> names.addAll(Placeholders.names(scalar.getValue()));
            default -> {
            }
        }
    }

    /** Whether {@code name} is a placeholder name as the spec writes it between percent signs (letters, digits, _ - .). */
    public static boolean isPlaceholderName(String name) {
        Objects.requireNonNull(name, "name");
        return Placeholders.isValidName(name);
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
