package io.vigil.sigma.correlation;

import io.vigil.sigma.SigmaRule;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules a correlation may reference, by id or by name, each resolved to the key the engine sees on detections
 * (a base rule's id; a correlation's {@link CorrelationRule#key()}). {@link SigmaRule} has no {@code name}, so
 * callers add names explicitly with {@link #withName}. Immutable.
 */
public final class RuleReferences {

    private final Map<String, String> keys;

    private RuleReferences(Map<String, String> keys) {
        this.keys = Map.copyOf(keys);
    }

    public static RuleReferences none() {
        return new RuleReferences(Map.of());
    }

    /** Every rule with an id, referenced by that id. */
    public static RuleReferences of(Collection<SigmaRule> rules) {
        Map<String, String> keys = new HashMap<>();
        for (SigmaRule rule : rules) {
            if (rule.id() != null) {
                keys.put(rule.id(), rule.id());
            }
        }
        return new RuleReferences(keys);
    }

    /** A base rule with its spec {@code name}; detections of it carry {@code ruleId}. */
    public RuleReferences withName(String name, String ruleId) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(ruleId, "ruleId");
        Map<String, String> next = new HashMap<>(keys);
        next.put(name, ruleId);
        next.put(ruleId, ruleId);
        return new RuleReferences(next);
    }

    /** A correlation, referenced by its id or its name, for chains. */
    public RuleReferences with(CorrelationRule correlation) {
        Map<String, String> next = new HashMap<>(keys);
        next.put(correlation.key(), correlation.key());
        if (correlation.id() != null) {
            next.put(correlation.id(), correlation.key());
        }
        if (correlation.name() != null) {
            next.put(correlation.name(), correlation.key());
        }
        return new RuleReferences(next);
    }

    Optional<String> resolve(String reference) {
        return Optional.ofNullable(keys.get(reference));
    }
}
