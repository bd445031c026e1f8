package io.vigil.sigma;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of compiling a detection-shaped section on its own (see {@link SigmaRules#compileDetection}): compiled,
 * or rejected with every problem found.
 */
public sealed interface DetectionLoad {

    record Compiled(CompiledRule detection) implements DetectionLoad {
        public Compiled {
            Objects.requireNonNull(detection, "detection");
        }
    }

    record Rejected(List<Problem> problems) implements DetectionLoad {
        public Rejected {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs at least one problem");
            }
        }
    }
}
