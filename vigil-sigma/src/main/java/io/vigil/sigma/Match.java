package io.vigil.sigma;

import java.util.List;

/** A rule matched; {@code fields} are the Sigma field names whose tests made the condition true, in order. */
public record Match(List<String> fields) {

    public Match {
        fields = List.copyOf(fields);
    }
}
