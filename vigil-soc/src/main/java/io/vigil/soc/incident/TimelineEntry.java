package io.vigil.soc.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of an incident: who did what when. Every mutation through {@link CaseWork} or triage adds one.
 *
 * @param actor  the person or {@code vigil} (triage, automatic escalation)
 * @param action a short code: {@code created}, {@code alert}, {@code repeat}, {@code state}, {@code assign}...
 */
public record TimelineEntry(Instant at, String actor, String action, String detail) {
    public TimelineEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        detail = detail == null ? "" : Texts.cut(detail, 2000);
    }
}
