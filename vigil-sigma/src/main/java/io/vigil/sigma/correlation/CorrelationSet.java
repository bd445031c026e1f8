package io.vigil.sigma.correlation;

import io.vigil.sigma.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Correlation rules loaded together against the rules they may reference: in as many passes as chains need (a
 * correlation loads once every rule it references has, whatever the order of the sources), each key at most once.
 * A source that never loads is rejected with its problems; one whose key another correlation already has is
 * rejected for that.
 *
 * @param rules    the loaded correlations by key, in load order
 * @param rejected the sources that did not load, in source order
 */
public record CorrelationSet(Map<String, CorrelationRule> rules, List<CorrelationLoad.Rejected> rejected) {

    public static final CorrelationSet EMPTY = new CorrelationSet(Map.of(), List.of());

    /** A correlation document and where it came from (a file, a stored rule's id). */
    public record Source(String origin, String yaml) {
        public Source {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(yaml, "yaml");
        }
    }

    public CorrelationSet {
        rules = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(rules));
        rejected = List.copyOf(rejected);
    }

    /** @param references the base rules (by id and spec name) the sources may reference */
    public static CorrelationSet load(List<Source> sources, RuleReferences references) {
        if (sources.isEmpty()) {
            return EMPTY;
        }
        Map<String, CorrelationRule> loaded = new LinkedHashMap<>();
        List<Source> pending = new ArrayList<>(sources);
        boolean progress = true;
        while (progress && !pending.isEmpty()) {
            progress = false;
            List<Source> next = new ArrayList<>();
            for (Source source : pending) {
                if (CorrelationRules.parse(source.yaml(), source.origin(), references)
                        instanceof CorrelationLoad.Loaded(CorrelationRule rule) && !loaded.containsKey(rule.key())) {
                    loaded.put(rule.key(), rule);
                    references = references.with(rule);
                    progress = true;
                } else {
                    next.add(source);
                }
            }
            pending = next;
        }
        List<CorrelationLoad.Rejected> rejected = new ArrayList<>();
        for (Source source : pending) {
            switch (CorrelationRules.parse(source.yaml(), source.origin(), references)) {
                case CorrelationLoad.Rejected rejection -> rejected.add(rejection);
                case CorrelationLoad.Loaded duplicate -> rejected.add(new CorrelationLoad.Rejected(source.origin(),
                        List.of(new Problem("correlation", OptionalInt.empty(),
                                "another correlation has the key '" + duplicate.rule().key() + "'"))));
            }
        }
        return new CorrelationSet(loaded, rejected);
    }

    /**
     * The keys (base rule ids, correlation keys) whose own detections or matches are not emitted: those a
     * correlation references with {@code generate: false} (the spec's default), unless another referencing them
     * says {@code generate: true}.
     */
    public Set<String> withheld() {
        Set<String> withheld = new HashSet<>();
        Set<String> generated = new HashSet<>();
        for (CorrelationRule rule : rules.values()) {
            (rule.generate() ? generated : withheld).addAll(rule.rules());
        }
        withheld.removeAll(generated);
        return Set.copyOf(withheld);
    }
}
