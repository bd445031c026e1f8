package io.vigil.core.event;

import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;

/**
 * Bytes as a transport framed them, tagged with the tenant they belong to. This is what the journal
 * keeps; nothing has been decoded yet.
 *
 * <p>The byte array is owned by the record: producers hand it over and nobody mutates it afterwards
 * (copying every payload on the hot path would halve ingest throughput).
 */
public record RawEvent(TenantId tenant, SourceRef source, Instant receivedAt, byte[] bytes) {

    public RawEvent {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(bytes, "bytes");
    }
}
