package io.vigil.sigma.correlation;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A loaded correlation rule. {@code rules} holds the resolved keys of the referenced rules (a base rule's id, or a
 * correlation's {@link #key()}), in the order written, which matters for {@code temporal_ordered}.
 * {@code aliases} maps alias &rarr; (resolved rule key &rarr; event field). {@code fields} is the condition's
 * {@code field} (one or more names; empty for event_count and temporal types).
 * {@code generate} is the spec's flag: when false (the default) callers should emit only the correlation's matches,
 * not the referenced rules' own detections.
 */
public record CorrelationRule(
        String id,
        String name,
        String title,
        String level,
        String author,
        List<String> tags,
        CorrelationType type,
        List<String> rules,
        List<String> groupBy,
        Duration timespan,
        Threshold condition,
        List<String> fields,
        Map<String, Map<String, String>> aliases,
        boolean generate,
        String origin) {

    public CorrelationRule {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timespan, "timespan");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(origin, "origin");
        tags = List.copyOf(tags);
        rules = List.copyOf(rules);
        groupBy = List.copyOf(groupBy);
        fields = List.copyOf(fields);
        Map<String, Map<String, String>> copy = new LinkedHashMap<>();
        aliases.forEach((alias, byRule) -> copy.put(alias, Map.copyOf(byRule)));
        aliases = Collections.unmodifiableMap(copy);
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("a correlation references at least one rule");
        }
        if (timespan.isNegative() || timespan.isZero()) {
            throw new IllegalArgumentException("timespan must be positive");
        }
    }

    /** How other correlations and the engine refer to this one: its id, else its name, else its title. */
    public String key() {
        return id != null ? id : name != null ? name : title;
    }

    /** The event field that holds {@code groupField} (a group-by field or alias) in events of {@code ruleKey}. */
    String fieldFor(String groupField, String ruleKey) {
        Map<String, String> byRule = aliases.get(groupField);
        if (byRule == null) {
            return groupField;
        }
        return byRule.getOrDefault(ruleKey, groupField);
    }
}
