package io.vigil.sigma;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * What kind of Sigma document a text is, read from its top-level keys: a correlation rule has a {@code correlation}
 * section, anything else is a base rule. Also reads the spec's {@code name} and {@code id}, which correlations
 * reference ({@link SigmaRule} carries no {@code name}). A document that cannot be read answers as a base rule with
 * no name or id; loading it as one reports its problems.
 */
public final class SigmaDocuments {

    private static final SigmaYaml.Messages MESSAGES = new SigmaYaml.Messages("the document is empty",
            "one document at a time", "a Sigma document is a mapping");
    /** A top-level key starts a line; a text without one at all needs no YAML parse to be told apart. */
    private static final Pattern CORRELATION_KEY = Pattern.compile("(?m)^correlation\\s*:");
    private static final Pattern NAME_KEY = Pattern.compile("(?m)^name\\s*:");

    private SigmaDocuments() {
    }

    public static boolean isCorrelation(String yaml) {
        return CORRELATION_KEY.matcher(yaml).find() && topLevel(yaml, "correlation") != null;
    }

    /** The document's {@code name}, or null. */
    public static String name(String yaml) {
        return NAME_KEY.matcher(yaml).find() && topLevel(yaml, "name") instanceof ScalarNode scalar
                ? scalar.getValue() : null;
    }

    /** The document's {@code id}, or null. */
    public static String id(String yaml) {
        return topLevel(yaml, "id") instanceof ScalarNode scalar ? scalar.getValue() : null;
    }

    private static Node topLevel(String yaml, String key) {
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
