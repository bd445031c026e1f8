package io.vigil.server.auth;

import java.time.Instant;
import java.util.UUID;

/**
 * What a successful login answers (the session's secret travels only in the cookie).
 *
 * @param csrfToken   to send as {@code X-CSRF-Token} with every state-changing request of this session
 * @param restriction {@code none}, {@code password-change} or {@code mfa-enrolment}
 */
public record LoginResult(UUID userId, String login, String displayName, String kind, String csrfToken,
                          String restriction, Instant expiresAt) {
}
