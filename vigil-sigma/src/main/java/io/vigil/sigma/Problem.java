package io.vigil.sigma;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One reason a rule was rejected. {@code location} is a YAML path such as
 * {@code detection.selection.CommandLine|contains}; {@code line} is the 1-based line in the rule file when known.
 */
public record Problem(String location, OptionalInt line, String message) {

    public Problem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(message, "message");
        if (message.isBlank()) {
            throw new IllegalArgumentException("a problem needs a message");
        }
    }

    @Override
    public String toString() {
        return location + (line.isPresent() ? " (line " + line.getAsInt() + ")" : "") + ": " + message;
    }
}
