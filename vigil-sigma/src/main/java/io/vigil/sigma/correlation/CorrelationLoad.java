package io.vigil.sigma.correlation;

import io.vigil.sigma.Problem;
import java.util.List;
import java.util.Objects;

/** The outcome of loading one correlation rule: loaded, or rejected with every problem found. */
public sealed interface CorrelationLoad {

    record Loaded(CorrelationRule rule) implements CorrelationLoad {
        public Loaded {
            Objects.requireNonNull(rule, "rule");
        }
    }

    record Rejected(String origin, List<Problem> problems) implements CorrelationLoad {
        public Rejected {
            Objects.requireNonNull(origin, "origin");
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs at least one problem");
            }
        }
    }
}
