package io.vigil.core.tenant;

import java.util.Objects;
import java.util.UUID;

/**
 * The immutable identity of a tenant (one client organisation). Every persisted row and every event
 * carries one. The human-readable {@link TenantSlug} is separate so that names never leak into keys.
 */
public record TenantId(UUID value) {

    public TenantId {
        Objects.requireNonNull(value, "tenant id");
    }

    public static TenantId of(String text) {
        try {
            return new TenantId(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a tenant id (UUID expected): " + text, e);
        }
    }

    public static TenantId random() {
        return new TenantId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
