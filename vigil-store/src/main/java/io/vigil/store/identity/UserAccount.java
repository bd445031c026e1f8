package io.vigil.store.identity;

import io.vigil.core.access.Actor;
import io.vigil.core.access.ActorKind;
import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * An account as stored, without its secrets (password hash, TOTP secret: see {@link Users#credentials}).
 *
 * @param homeTenant         the tenant a client user belongs to; {@code null} for staff and services
 * @param hasPassword        whether a password is set (service accounts and SSO-only users have none)
 * @param passwordMustChange the password is a one-time one
 * @param totpEnrolledAt     when TOTP was enrolled, {@code null} if not
 * @param failedLogins       consecutive failed logins since the last success or lockout
 * @param lockedUntil        logins are refused until then; {@code null} if not locked
 * @param disabledAt         when the account was disabled; {@code null} while enabled
 * @param externalIssuer     the SSO issuer the account comes from, {@code null} for a local account
 */
public record UserAccount(UUID id, String login, String displayName, ActorKind kind, TenantId homeTenant,
                          boolean hasPassword, boolean passwordMustChange, Instant passwordChangedAt,
                          Instant totpEnrolledAt, int failedLogins, Instant lockedUntil, Instant disabledAt,
                          String externalIssuer, String externalSubject, Instant createdAt, Instant updatedAt) {

    public static final int MAX_LOGIN = 100;
    public static final int MAX_DISPLAY_NAME = 200;
    private static final Pattern LOGIN = Pattern.compile("[a-z0-9._@-]{1," + MAX_LOGIN + "}");

    public UserAccount {
        Objects.requireNonNull(id, "id");
        login = requireLogin(login);
        displayName = requireDisplayName(displayName);
        Objects.requireNonNull(kind, "kind");
        if ((kind == ActorKind.CLIENT_USER) != (homeTenant != null)) {
            throw new IllegalArgumentException("a client user, and only a client user, has a home tenant");
        }
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** The login in its stored form: lower case, {@code [a-z0-9._@-]}, 1-100 characters. */
    public static String requireLogin(String login) {
        if (login == null || login.isBlank()) {
            throw new IllegalArgumentException("login is required");
        }
        String normal = login.strip().toLowerCase(Locale.ROOT);
        if (!LOGIN.matcher(normal).matches()) {
            throw new IllegalArgumentException("login must be 1-" + MAX_LOGIN + " characters of a-z, 0-9, '.', '_', '@', '-'");
        }
        return normal;
    }

    public static String requireDisplayName(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            throw new IllegalArgumentException("display name is required");
        }
        String trimmed = displayName.strip();
        if (trimmed.length() > MAX_DISPLAY_NAME || trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("display name must be 1-" + MAX_DISPLAY_NAME + " characters without control characters");
        }
        return trimmed;
    }

    public Actor actor() {
        return new Actor(id, login, kind, homeTenant);
    }

    public boolean totpEnrolled() {
        return totpEnrolledAt != null;
    }

    public boolean disabled() {
        return disabledAt != null;
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }
}
