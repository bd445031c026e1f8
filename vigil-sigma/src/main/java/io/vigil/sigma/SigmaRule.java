package io.vigil.sigma;

import io.vigil.sigma.event.EventFields;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A loaded Sigma rule: its metadata and its compiled detection. {@code author} is kept verbatim because the
 * Detection Rule License 1.1 requires it on every detection produced by a SigmaHQ rule.
 * Optional metadata is null when the rule does not state it; lists are never null.
 */
public record SigmaRule(
        String id,
        String title,
        String status,
        String level,
        String description,
        String author,
        String date,
        String modified,
        List<String> references,
        List<String> tags,
        LogSource logsource,
        List<String> falsepositives,
        List<String> fields,
        String origin,
        CompiledRule detection) {

    public SigmaRule {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(logsource, "logsource");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(detection, "detection");
        references = List.copyOf(references);
        tags = List.copyOf(tags);
        falsepositives = List.copyOf(falsepositives);
        fields = List.copyOf(fields);
    }

    public Optional<Match> matches(EventFields event) {
        return detection.matches(event);
    }
}
