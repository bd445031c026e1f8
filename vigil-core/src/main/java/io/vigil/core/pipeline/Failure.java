package io.vigil.core.pipeline;

import io.vigil.core.event.EventId;
import io.vigil.core.event.SourceRef;
import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * Input that could not be processed, kept with its raw bytes so that nothing is lost: it can be
 * inspected, the decoder fixed, and the bytes replayed.
 *
 * @param id     deterministic (from the journal position), so that a replay records it once
 * @param stage  the stage that failed ({@code json} decoder, {@code journal} for a corrupt record)
 * @param reason what was wrong, for a person to read
 */
public record Failure(EventId id, TenantId tenant, SourceRef source, Phase phase, String stage, String reason,
                      Instant receivedAt, Instant failedAt, byte[] raw) {

    public static final int MAX_REASON = 2000;

    public Failure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(reason, "reason");
        if (reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON);
        }
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(failedAt, "failedAt");
        Objects.requireNonNull(raw, "raw");
    }
}
