package io.vigil.sigma;

import java.util.List;
import java.util.Objects;

/**
 * One rule matching one event, with what an analyst and the DRL 1.1 licence need: the rule's author travels
 * with every detection.
 */
public record Detection(
        String ruleId,
        String title,
        String level,
        String status,
        String author,
        List<String> references,
        List<String> tags,
        List<String> matchedFields) {

    public Detection {
        Objects.requireNonNull(title, "title");
        references = List.copyOf(references);
        tags = List.copyOf(tags);
        matchedFields = List.copyOf(matchedFields);
    }

    /** Public so that {@code io.vigil.sigma.index.IndexedRuleSet} builds detections exactly as {@link RuleSet} does. */
    public static Detection of(SigmaRule rule, Match match) {
        return new Detection(rule.id(), rule.title(), rule.level(), rule.status(), rule.author(),
                rule.references(), rule.tags(), match.fields());
    }
}
