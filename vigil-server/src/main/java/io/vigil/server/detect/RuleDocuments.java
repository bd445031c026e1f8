package io.vigil.server.detect;

import io.vigil.sigma.Problem;
import io.vigil.sigma.SigmaLimits;
import io.vigil.sigma.SigmaYaml;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * What kind of Sigma document a stored or uploaded text is, read from its top-level keys: a correlation rule has a
 * {@code correlation} section; everything else is loaded as a base rule. Also reads the spec's {@code name}, which
 * {@link io.vigil.sigma.SigmaRule} does not carry but correlations may reference.
 */
final class RuleDocuments {

    /** Most documents in one upload: a collection is a base rule or a few and the correlations over them. */
    static final int MAX_DOCUMENTS = 20;

    private static final SigmaYaml.Messages MESSAGES = new SigmaYaml.Messages("the document is empty",
            "one document at a time", "a Sigma document is a mapping");

    private RuleDocuments() {
    }

    static SigmaYaml.Split split(String yaml) {
        return SigmaYaml.split(yaml, SigmaLimits.DEFAULTS.maxRuleChars(), MAX_DOCUMENTS);
    }

    static boolean isCorrelation(String yaml) {
        return topLevel(yaml, "correlation") != null;
    }

    /** The document's {@code name}, or null. */
    static String name(String yaml) {
        return topLevel(yaml, "name") instanceof ScalarNode scalar ? scalar.getValue() : null;
    }

    /** The document's {@code id}, or null. */
    static String id(String yaml) {
        return topLevel(yaml, "id") instanceof ScalarNode scalar ? scalar.getValue() : null;
    }

    static List<String> describe(List<Problem> problems) {
        return problems.stream().map(Problem::toString).toList();
    }

    private static org.yaml.snakeyaml.nodes.Node topLevel(String yaml, String key) {
        MappingNode root = SigmaYaml.single(yaml, SigmaLimits.DEFAULTS.maxRuleChars(), MESSAGES).root();
        if (root == null) {
            return null;
        }
        for (NodeTuple tuple : root.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && key.equals(k.getValue())) {
                return tuple.getValueNode();
            }
        }
        return null;
    }
}
