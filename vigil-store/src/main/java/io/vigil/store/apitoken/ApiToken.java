package io.vigil.store.apitoken;

import io.vigil.core.access.Permission;
import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * An API token as stored: never its secret. It acts for its owner with at most the owner's access, narrowed to
 * {@code tenants} and {@code permissions} when those are set.
 *
 * @param owner       the account the token acts for
 * @param label       what the token is for ("ci-pipeline"), 1-100 characters
 * @param tenants     the only tenants it may reach, {@code null} for all of the owner's
 * @param permissions the only permissions it may use, {@code null} for all of the owner's
 * @param expiresAt   when it stops verifying, {@code null} for never
 * @param revokedAt   when it was revoked, {@code null} while not revoked
 */
public record ApiToken(ApiTokenId id, UUID owner, String label, Set<TenantId> tenants, Set<Permission> permissions,
                       Instant createdAt, Instant expiresAt, Instant revokedAt) {

    public static final int MAX_TEXT = 100;
    /** Tenants one token may be narrowed to (bounded by the column). */
    public static final int MAX_TENANTS = 100;

    public ApiToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        label = requireText("label", label);
        if (tenants != null) {
            if (tenants.isEmpty() || tenants.size() > MAX_TENANTS) {
                throw new IllegalArgumentException("an API token narrowed to tenants names 1-" + MAX_TENANTS + " of them");
            }
            tenants = Collections.unmodifiableSet(new LinkedHashSet<>(tenants));
        }
        if (permissions != null) {
            if (permissions.isEmpty()) {
                throw new IllegalArgumentException("an API token narrowed to permissions names at least one");
            }
            permissions = Collections.unmodifiableSet(EnumSet.copyOf(permissions));
        }
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Whether the token verifies at {@code now}: not revoked and not expired. */
    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }

    private static String requireText(String what, String value) {
        Objects.requireNonNull(value, what);
        String trimmed = value.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_TEXT) {
            throw new IllegalArgumentException("API token " + what + " must be 1-" + MAX_TEXT + " characters");
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("API token " + what + " must not contain control characters");
        }
        return trimmed;
    }
}
