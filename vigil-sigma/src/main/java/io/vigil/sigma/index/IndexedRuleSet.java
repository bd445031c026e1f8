package io.vigil.sigma.index;

import io.vigil.sigma.CompiledRule;
import io.vigil.sigma.Detection;
import io.vigil.sigma.Match;
import io.vigil.sigma.RuleSet;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.event.EventFields;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Compiled rules behind a candidate index: {@link #evaluate} returns exactly what {@link RuleSet#evaluate} returns
 * for the same rules (same detections, same order), but runs the full rule only on candidates — rules one of whose
 * necessary literals occurs in the event, plus the rules that have none. Immutable and thread-safe.
 */
public final class IndexedRuleSet {

    /**
     * What each compiled rule needs, worked out once: routing builds an index for every distinct event class, and a
     * rule sits in many of them. Weak keys, so the entries go with the rules.
     */
    private static final Map<CompiledRule, Necessary> NECESSARY = Collections.synchronizedMap(new WeakHashMap<>());

    private final List<SigmaRule> rules;
    private final CandidateIndex index;

    private IndexedRuleSet(List<SigmaRule> rules) {
        this.rules = rules;
        this.index = new CandidateIndex(rules.stream()
                .map(r -> NECESSARY.computeIfAbsent(r.detection(), NecessaryLiterals::of)).toList());
    }

    public static IndexedRuleSet of(Collection<SigmaRule> rules) {
        return new IndexedRuleSet(List.copyOf(rules));
    }

    public List<SigmaRule> rules() {
        return rules;
    }

    public IndexStatistics statistics() {
        return index.statistics();
    }

    public List<Detection> evaluate(EventFields event) {
        List<Detection> detections = new ArrayList<>();
        BitSet candidates = index.candidates(event);
        for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
            SigmaRule rule = rules.get(i);
            Optional<Match> match = rule.matches(event);
            match.ifPresent(m -> detections.add(Detection.of(rule, m)));
        }
        return detections;
    }

    /** How many rules {@link #evaluate} would run on {@code event}; for statistics and tests. */
    int candidateCount(EventFields event) {
        return index.candidates(event).cardinality();
    }
}
