package io.vigil.soc.platform;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One episode of a platform problem, from the first time it was seen until it stayed away for the hold-down time.
 *
 * @param summary     the latest summary the condition gave
 * @param details     the latest details the condition gave
 * @param lastSeenAt  when the condition last reported the problem
 * @param clearedAt   since when the problem is gone, while the alert is {@link State#CLEARING}; null otherwise
 * @param resolvedAt  when the alert was resolved; null before
 * @param recurrences how often the problem came back during the hold-down time (a flapping condition)
 */
public record PlatformAlert(UUID id, PlatformAlertKind kind, String key, State state, String summary,
                            Map<String, String> details, Instant raisedAt, Instant lastSeenAt, Instant clearedAt,
                            Instant resolvedAt, int recurrences) {

    /** Where an episode stands. */
    public enum State {
        /** The problem is there. */
        OPEN,
        /** The problem is gone, but not yet for the hold-down time: if it comes back, this is the same episode. */
        CLEARING,
        /** The problem stayed away for the hold-down time; operators were told. */
        RESOLVED
    }

    public PlatformAlert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(summary, "summary");
        details = details == null ? Map.of() : details;
        Objects.requireNonNull(raisedAt, "raisedAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
    }

    static PlatformAlert raised(PlatformProblem problem, Instant now) {
        return new PlatformAlert(UUID.randomUUID(), problem.kind(), problem.key(), State.OPEN, problem.summary(),
                problem.details(), now, now, null, null, 0);
    }

    /** Seen again: open, with the latest facts; counts a recurrence when it was clearing. */
    PlatformAlert seen(PlatformProblem problem, Instant now) {
        return new PlatformAlert(id, kind, key, State.OPEN, problem.summary(), problem.details(), raisedAt, now, null,
                null, state == State.CLEARING ? recurrences + 1 : recurrences);
    }

    PlatformAlert clearing(Instant now) {
        return new PlatformAlert(id, kind, key, State.CLEARING, summary, details, raisedAt, lastSeenAt, now, null,
                recurrences);
    }

    PlatformAlert resolved(Instant now) {
        return new PlatformAlert(id, kind, key, State.RESOLVED, summary, details, raisedAt, lastSeenAt, clearedAt, now,
                recurrences);
    }
}
