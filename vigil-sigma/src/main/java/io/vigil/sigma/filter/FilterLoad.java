package io.vigil.sigma.filter;

import io.vigil.sigma.Problem;
import java.util.List;
import java.util.Objects;

/** The outcome of loading (or binding) one filter: usable, or rejected with every problem found. */
public sealed interface FilterLoad {

    record Loaded(SigmaFilter filter) implements FilterLoad {
        public Loaded {
            Objects.requireNonNull(filter, "filter");
        }
    }

    record Rejected(String origin, List<Problem> problems) implements FilterLoad {
        public Rejected {
            Objects.requireNonNull(origin, "origin");
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs at least one problem");
            }
        }
    }
}
