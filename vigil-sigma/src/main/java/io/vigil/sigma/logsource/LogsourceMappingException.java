package io.vigil.sigma.logsource;

import io.vigil.sigma.Problem;
import java.util.List;
import java.util.stream.Collectors;

/** A mapping file was rejected; {@link #problems()} lists every problem found, each with its location. */
public final class LogsourceMappingException extends RuntimeException {

    private final transient List<Problem> problems;

    LogsourceMappingException(String origin, List<Problem> problems) {
        super("logsource mapping " + origin + " rejected with " + problems.size() + " problem(s):\n  "
                + problems.stream().map(Problem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
