package io.vigil.server.hunt;

import io.vigil.sigma.RuleLoad;
import io.vigil.sigma.SigmaRule;
import java.util.List;

/** What {@link RuleFiles#load} found: the rules that compiled and every rejection with its problems. */
public record LoadedRules(List<SigmaRule> rules, List<RuleLoad.Rejected> rejected) {

    public LoadedRules {
        rules = List.copyOf(rules);
        rejected = List.copyOf(rejected);
    }

    public int files() {
        return rules.size() + rejected.size();
    }
}
