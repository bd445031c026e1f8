package io.vigil.sigma;

import io.vigil.sigma.event.EventFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Compiled rules evaluated together. Every rule is tried on every event for now; a candidate index that skips
 * rules whose literals cannot occur comes later.
 */
public final class RuleSet {

    private final List<SigmaRule> rules;

    private RuleSet(List<SigmaRule> rules) {
        this.rules = rules;
    }

    public static RuleSet of(Collection<SigmaRule> rules) {
        return new RuleSet(List.copyOf(rules));
    }

    public List<SigmaRule> rules() {
        return rules;
    }

    public List<Detection> evaluate(EventFields event) {
        List<Detection> detections = new ArrayList<>();
        for (SigmaRule rule : rules) {
            Optional<Match> match = rule.matches(event);
            match.ifPresent(m -> detections.add(Detection.of(rule, m)));
        }
        return detections;
    }
}
