package io.vigil.soc.regulatory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One step of a regulatory clock at one instant.
 *
 * @param windowStart from when the step is counted (reminders are fractions of {@code windowStart → dueAt})
 * @param dueAt       the deadline, null while it cannot be known yet (the final report of an ongoing incident)
 * @param dueRule     how the deadline is derived, in words
 * @param reminders   when reminders fall due, in order
 * @param missing     required content the draft still lacks
 */
public record StepStatus(Step step, State state, Instant windowStart, Instant dueAt, String dueRule,
                         List<Instant> reminders, Map<String, String> draft, List<String> missing, Instant submittedAt,
                         String submittedBy) {

    /** Where a step stands. */
    public enum State {
        /** Not submitted, deadline ahead. */
        OPEN,
        /** Not submitted, deadline passed. */
        OVERDUE,
        SUBMITTED,
        SUBMITTED_LATE,
        /** The deadline depends on something that has not happened yet (the end of the incident). */
        WAITING,
        /** Not needed (no progress report when the incident was handled before the final report was due). */
        NOT_REQUIRED
    }

    public StepStatus {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(state, "state");
        reminders = List.copyOf(reminders);
        draft = Map.copyOf(draft);
        missing = List.copyOf(missing);
    }

    /** Whether reminders and a deadline alarm still apply. */
    public boolean pending() {
        return state == State.OPEN || state == State.OVERDUE;
    }
}
