package io.vigil.sigma.logsource;

import io.vigil.sigma.Detection;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.index.IndexedRuleSet;
import io.vigil.sigma.event.EventFields;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rules evaluated with logsource routing: each event is classified, only the rules its class admits run, and they
 * read the event through the class's renames. The admitted subset is computed once per distinct class and put
 * behind a candidate index ({@link IndexedRuleSet}), so an event meets only the admitted rules that can match it.
 */
public final class RoutedRuleSet {

    /** Distinct classes are few (one per combination of matched entries); the bound only guards odd mappings. */
    private static final int MAX_CACHED_CLASSES = 4096;
    /** Signatures repeat (channel, event id, a few presence tests); the bound keeps odd traffic from growing it. */
    private static final int MAX_CACHED_SIGNATURES = 16_384;

    private final LogsourceRouter router;
    private final List<SigmaRule> rules;
    private final Map<Object, IndexedRuleSet> admittedByClass = new ConcurrentHashMap<>();
    /** Classification and admitted rules by {@link LogsourceRouter#signature}: most events skip the mapping walk. */
    private final Map<Object, Routed> routedBySignature = new ConcurrentHashMap<>();

    private record Routed(EventClass eventClass, IndexedRuleSet admitted) {
    }

    private RoutedRuleSet(LogsourceRouter router, List<SigmaRule> rules) {
        this.router = router;
        this.rules = rules;
    }

    public static RoutedRuleSet of(LogsourceRouter router, Collection<SigmaRule> rules) {
        return new RoutedRuleSet(Objects.requireNonNull(router, "router"), List.copyOf(rules));
    }

    public List<Detection> evaluate(EventFields event) {
        return evaluate(null, event);
    }

    /** @param sourceTag the collector's source tag, or null; see {@link LogsourceRouter#classify(String, EventFields)} */
    public List<Detection> evaluate(String sourceTag, EventFields event) {
        Object signature = router.signature(sourceTag, event);
        Routed routed = signature == null ? null : routedBySignature.get(signature);
        if (routed == null) {
            EventClass eventClass = router.classify(sourceTag, event);
            routed = new Routed(eventClass, admitted(eventClass));
            if (signature != null && routedBySignature.size() < MAX_CACHED_SIGNATURES) {
                routedBySignature.putIfAbsent(signature, routed);
            }
        }
        return routed.admitted().evaluate(routed.eventClass().fields(event));
    }

    /** The rules an event of this class may run. */
    public IndexedRuleSet admitted(EventClass eventClass) {
        Object key = eventClass.admissionKey();
        IndexedRuleSet cached = admittedByClass.get(key);
        if (cached != null) {
            return cached;
        }
        IndexedRuleSet admitted = IndexedRuleSet.of(rules.stream().filter(r -> eventClass.admits(r.logsource())).toList());
        if (admittedByClass.size() < MAX_CACHED_CLASSES) {
            admittedByClass.putIfAbsent(key, admitted);
        }
        return admitted;
    }
}
