package io.vigil.server.security;

import io.vigil.core.access.Access;
import io.vigil.core.access.Actor;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The authenticated caller of one request: who ({@link Actor}), what it may do ({@link Access}, already narrowed to
 * an API token's scope), and how it authenticated. Its {@link #getName() name} is the account's login name, which
 * controllers record as the author of what they create.
 *
 * @param credentialId the API token's or session's id (never a secret), for the audit log
 * @param restriction  what a session must do before it gets its access
 */
public record VigilPrincipal(Actor actor, Access access, Method method, String credentialId, Restriction restriction)
        implements Principal {

    /** How the caller authenticated. */
    public enum Method {
        API_TOKEN, SESSION
    }

    /** What stands between a session and its access. */
    public enum Restriction {
        NONE,
        /** The account's password is a one-time or expired one. */
        PASSWORD_CHANGE,
        /** MSSP staff (or a client whose tenant demands it) must enrol TOTP first. */
        MFA_ENROLMENT
    }

    public VigilPrincipal {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(restriction, "restriction");
        if (restriction != Restriction.NONE && !access.isEmpty()) {
            throw new IllegalArgumentException("a restricted principal holds no access");
        }
    }

    @Override
    public String getName() {
        return actor.name();
    }

    public boolean restricted() {
        return restriction != Restriction.NONE;
    }

    /** The principal of the current request, if it authenticated. */
    public static Optional<VigilPrincipal> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof VigilPrincipal p
                ? Optional.of(p) : Optional.empty();
    }

    @Override
    public String toString() {
        return actor.kind().code() + ":" + actor.name() + " via " + method.name().toLowerCase(java.util.Locale.ROOT);
    }
}
