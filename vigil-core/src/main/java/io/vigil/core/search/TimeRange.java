package io.vigil.core.search;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A half-open span of event time, {@code [from, to)}; every store query requires one. */
public record TimeRange(Instant from, Instant to) {

    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("time range must have from before to, was " + from + " to " + to);
        }
    }

    public boolean contains(Instant time) {
        return !time.isBefore(from) && time.isBefore(to);
    }

    public Duration length() {
        return Duration.between(from, to);
    }
}
