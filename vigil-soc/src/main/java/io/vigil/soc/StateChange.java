package io.vigil.soc;

import java.time.Instant;
import java.util.Objects;

/**
 * One transition in an incident's life, as its timeline records it. SLA clocks are computed from the ordered
 * list of these: the incident's creation is the change from {@code null} to {@link IncidentState#NEW}.
 *
 * @param from null for the creation
 */
public record StateChange(Instant at, IncidentState from, IncidentState to) {

    public StateChange {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(to, "to");
    }
}
