package io.vigil.server.hunt;

import io.vigil.sigma.RuleLoad;
import io.vigil.sigma.SigmaRule;
import io.vigil.sigma.correlation.CorrelationSet;
import java.util.List;

/**
 * What {@link RuleFiles#load} found: the base rules that compiled, the correlation rules loaded against them, and
 * every rejection (base or correlation) with its problems.
 */
public record LoadedRules(List<SigmaRule> rules, CorrelationSet correlations, List<RuleLoad.Rejected> rejected) {

    public static final LoadedRules NONE = new LoadedRules(List.of(), CorrelationSet.EMPTY, List.of());

    public LoadedRules {
        rules = List.copyOf(rules);
        rejected = List.copyOf(rejected);
    }

    /** Files read: every loaded rule and correlation, and every rejection. */
    public int files() {
        return rules.size() + correlations.rules().size() + rejected.size();
    }

    /** Rules and correlations loaded. */
    public int loaded() {
        return rules.size() + correlations.rules().size();
    }
}
