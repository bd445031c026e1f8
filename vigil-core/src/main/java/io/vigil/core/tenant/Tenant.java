package io.vigil.core.tenant;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/** One client organisation of the MSSP. */
public record Tenant(TenantId id, TenantSlug slug, String displayName, ZoneId timezone, TenantStatus status,
                     Instant createdAt, Instant updatedAt) {

    public static final int MAX_DISPLAY_NAME = 200;

    public Tenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(slug, "slug");
        displayName = requireDisplayName(displayName);
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static String requireDisplayName(String displayName) {
        Objects.requireNonNull(displayName, "display name");
        String trimmed = displayName.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_DISPLAY_NAME) {
            throw new IllegalArgumentException("display name must be 1-" + MAX_DISPLAY_NAME + " characters");
        }
        return trimmed;
    }
}
