package io.vigil.store.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A browser session as stored: never its secret. The CSRF token is not a credential on its own (it is useless
 * without the cookie) and is handed to the page that owns the session.
 *
 * @param expiresAt the absolute end, however active the session is
 */
public record UserSession(UUID id, UUID userId, Instant createdAt, Instant lastSeenAt, Instant expiresAt,
                          String csrfToken, SessionRestriction restriction, String sourceIp, String userAgent,
                          Instant revokedAt) {

    public UserSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(csrfToken, "csrfToken");
        Objects.requireNonNull(restriction, "restriction");
    }

    @Override
    public String toString() {
        return "UserSession[id=" + id + ", userId=" + userId + ", restriction=" + restriction.code() + "]";
    }
}
