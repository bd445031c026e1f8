package io.vigil.soc.contract;

import java.time.Duration;
import java.util.Objects;

/**
 * The SLA targets of one priority, counted in covered time (see {@link Coverage}).
 *
 * @param response   from the incident's creation until it leaves {@code new} (acknowledged)
 * @param resolution from the incident's creation until it is resolved or closed, pauses excluded
 */
public record Targets(Duration response, Duration resolution) {

    /** Targets are whole minutes from 1 minute to 365 days. */
    public static final Duration MAX = Duration.ofDays(365);

    public Targets {
        requireTarget("response", response);
        requireTarget("resolution", resolution);
        if (resolution.compareTo(response) < 0) {
            throw new IllegalArgumentException("resolution target " + resolution + " is shorter than the response target "
                    + response);
        }
    }

    private static void requireTarget(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(Duration.ofMinutes(1)) < 0 || value.compareTo(MAX) > 0
                || value.toSecondsPart() != 0 || value.toNanosPart() != 0) {
            throw new IllegalArgumentException(name + " target must be whole minutes from 1 minute to 365 days, was "
                    + value);
        }
    }
}
