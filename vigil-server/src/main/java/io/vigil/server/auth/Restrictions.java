package io.vigil.server.auth;

import io.vigil.core.access.ActorKind;
import io.vigil.server.security.VigilPrincipal;
import io.vigil.store.identity.SessionRestriction;
import io.vigil.store.identity.UserAccount;
import io.vigil.store.identity.Users;
import org.springframework.stereotype.Component;

/**
 * What an account must do before its session gets its access: change a one-time password first, then enrol TOTP
 * if it must have it (MSSP staff always; client users when their tenant requires it).
 */
@Component
final class Restrictions {

    private final Users users;

    Restrictions(Users users) {
        this.users = users;
    }

    SessionRestriction of(UserAccount account) {
        if (account.passwordMustChange()) {
            return SessionRestriction.PASSWORD_CHANGE;
        }
        if (mfaRequired(account) && !account.totpEnrolled()) {
            return SessionRestriction.MFA_ENROLMENT;
        }
        return SessionRestriction.NONE;
    }

    boolean mfaRequired(UserAccount account) {
        return account.kind() == ActorKind.MSSP_STAFF
                || account.kind() == ActorKind.CLIENT_USER && users.clientMfaRequired(account.homeTenant());
    }

    static VigilPrincipal.Restriction principal(SessionRestriction restriction) {
        return switch (restriction) {
            case NONE -> VigilPrincipal.Restriction.NONE;
            case PASSWORD_CHANGE -> VigilPrincipal.Restriction.PASSWORD_CHANGE;
            case MFA_ENROLMENT -> VigilPrincipal.Restriction.MFA_ENROLMENT;
        };
    }
}
