package io.vigil.soc.regulatory;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What has been written for one step: the draft and, once submitted, when and by whom.
 *
 * @param submittedAt null while a draft
 */
public record StepRecord(Step step, Map<String, String> draft, Instant updatedAt, String updatedBy, Instant submittedAt,
                         String submittedBy) {

    public StepRecord {
        Objects.requireNonNull(step, "step");
        draft = java.util.Collections.unmodifiableMap(new TreeMap<>(draft));
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(updatedBy, "updatedBy");
    }

    /** Draft or submitted. */
    public enum Status {
        DRAFT, SUBMITTED
    }

    public Status status() {
        return submittedAt == null ? Status.DRAFT : Status.SUBMITTED;
    }
}
