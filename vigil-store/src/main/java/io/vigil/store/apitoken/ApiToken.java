package io.vigil.store.apitoken;

import java.time.Instant;
import java.util.Objects;

/**
 * An API token as stored: never its secret.
 *
 * @param label     what the token is for ("ci-pipeline"), 1-100 characters
 * @param scope     what it may do (e.g. {@code admin}), 1-100 characters; interpreted by the REST API
 * @param expiresAt when it stops verifying, {@code null} for never
 * @param revokedAt when it was revoked, {@code null} while not revoked
 */
public record ApiToken(ApiTokenId id, String label, String scope, Instant createdAt, Instant expiresAt,
                       Instant revokedAt) {

    public static final int MAX_TEXT = 100;

    public ApiToken {
        Objects.requireNonNull(id, "id");
        label = requireText("label", label);
        scope = requireText("scope", scope);
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
