package io.vigil.soc.incident;

import io.vigil.soc.Priority;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A detection after triage, inside its incident. Repeats of the same rule against the same entities raise
 * {@link #count()} instead of adding alerts.
 *
 * @param entities       host, user and ip as far as the detection named them
 * @param eventIds       the newest event ids (at most {@link #MAX_EVENT_IDS}); also what makes a replay idempotent
 * @param priorityReason how {@link #priority()} was derived, in words
 * @param change         the change ticket or maintenance window the alert fell in, or null
 * @param disposition    the analyst's verdict, or null while undecided
 */
public record Alert(UUID id, String ruleId, String title, String level, Map<String, String> entities, int count,
                    Instant firstSeen, Instant lastSeen, List<String> eventIds, List<String> techniques,
                    Priority priority, String priorityReason, String change, Disposition disposition,
                    String dispositionReason) {

    public static final int MAX_EVENT_IDS = 50;

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(title, "title");
        entities = Map.copyOf(entities);
        eventIds = List.copyOf(eventIds);
        techniques = List.copyOf(techniques);
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(firstSeen, "firstSeen");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    Alert disposed(Disposition verdict, String reason) {
        return new Alert(id, ruleId, title, level, entities, count, firstSeen, lastSeen, eventIds, techniques, priority,
                priorityReason, change, verdict, reason);
    }
}
