package io.vigil.core.source;

import java.time.Instant;
import java.util.Objects;

/**
 * The "log source silent" signal: a source fell silent or far below its baseline. Raised once per episode; the
 * source must send again (and recover) before it can be raised again.
 *
 * @param state    {@link SourceState#SILENT} or {@link SourceState#BELOW_BASELINE}
 * @param lastSeen when the source last sent, {@code null} if it never did (a heartbeat set before any event)
 * @param detail   what was expected and what was seen, for a person to read
 */
public record SourceSilence(SourceKey key, SourceState state, Instant raisedAt, Instant lastSeen, String detail) {

    public SourceSilence {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(raisedAt, "raisedAt");
        Objects.requireNonNull(detail, "detail");
        if (state != SourceState.SILENT && state != SourceState.BELOW_BASELINE) {
            throw new IllegalArgumentException("a silence signal is SILENT or BELOW_BASELINE, not " + state);
        }
    }
}
