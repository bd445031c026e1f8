package io.vigil.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.yaml.snakeyaml.nodes.Node;

/** Collects every problem of one rule so that it is rejected once, with all of them. */
final class Problems {

    private final List<Problem> problems = new ArrayList<>();

    void add(String location, Node node, String message) {
        OptionalInt line = node == null || node.getStartMark() == null
                ? OptionalInt.empty()
                : OptionalInt.of(node.getStartMark().getLine() + 1);
        problems.add(new Problem(location, line, message));
    }

    void add(String location, int line, String message) {
        problems.add(new Problem(location, OptionalInt.of(line), message));
    }

    void add(String location, String message) {
        problems.add(new Problem(location, OptionalInt.empty(), message));
    }

    void add(Problem problem) {
        problems.add(problem);
    }

    int count() {
        return problems.size();
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<Problem> list() {
        return List.copyOf(problems);
    }
}
