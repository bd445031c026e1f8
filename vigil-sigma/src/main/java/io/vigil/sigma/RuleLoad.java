package io.vigil.sigma;

import java.util.List;
import java.util.Objects;

/** The outcome of loading one rule: compiled, or rejected with every problem found. */
public sealed interface RuleLoad {

    record Loaded(SigmaRule rule) implements RuleLoad {
        public Loaded {
            Objects.requireNonNull(rule, "rule");
        }
    }

    record Rejected(String origin, List<Problem> problems) implements RuleLoad {
        public Rejected {
            Objects.requireNonNull(origin, "origin");
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs at least one problem");
            }
        }
    }
}
