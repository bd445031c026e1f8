package io.vigil.sigma.filter;

import io.vigil.sigma.CompiledRule;
import io.vigil.sigma.LogSource;
import io.vigil.sigma.event.EventFields;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A loaded Sigma filter. {@code rules} are the referenced rule ids in document order; {@code reason} and
 * {@code expiresAt} are Vigil's exception metadata (null when absent): the filter suppresses only at instants
 * strictly before {@code expiresAt}. Optional spec metadata is null when the document does not state it.
 */
public record SigmaFilter(
        String id,
        String title,
        String description,
        String author,
        String date,
        String modified,
        String taxonomy,
        LogSource logsource,
        List<String> rules,
        String reason,
        Instant expiresAt,
        String origin,
        CompiledRule detection) {

    public SigmaFilter {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(logsource, "logsource");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(detection, "detection");
        rules = List.copyOf(rules);
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("a filter applies to at least one rule");
        }
    }

    /** What a suppression report names: the id, or the origin for a filter without one. */
    public String reference() {
        return id != null ? id : origin;
    }

    public boolean activeAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }

    /** True when the filter's condition holds for the event, i.e. the event is a known-benign case. */
    public boolean matches(EventFields event) {
        return detection.matches(event).isPresent();
    }
}
