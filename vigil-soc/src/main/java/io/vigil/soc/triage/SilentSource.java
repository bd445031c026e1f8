package io.vigil.soc.triage;

import io.vigil.core.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A log source of a tenant that stopped sending: last seen at {@code lastSeen}, expected at least every
 * {@code expected}. Collection reports it; triage makes it an incident (coverage is part of the service).
 */
public record SilentSource(TenantId tenant, String source, Instant lastSeen, Duration expected) {
    public SilentSource {
        Objects.requireNonNull(tenant, "tenant");
        if (source == null || source.isBlank() || source.length() > 255) {
            throw new IllegalArgumentException("source is required (1-255 characters)");
        }
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(expected, "expected");
    }
}
