package io.vigil.server.auth.oidc;

import io.vigil.core.audit.AuditOutcome;
import java.util.Objects;

/** Why a single sign-on login did not succeed; the reason fixes the HTTP status and whether trying again may help. */
public final class OidcLoginFailure extends RuntimeException {

    /** The kinds of failure. */
    public enum Reason {
        /** The callback lacks its parameters or carries malformed ones. */
        BAD_CALLBACK(400, "bad_request", AuditOutcome.FAILED, false),
        /** The state is unknown, already used, expired, or belongs to another browser or provider. */
        INVALID_STATE(400, "invalid_state", AuditOutcome.DENIED, false),
        /** The provider answered the authorization request with an error (the person refused, for example). */
        PROVIDER_ERROR(401, "sso_provider_error", AuditOutcome.DENIED, false),
        /** The provider refused to exchange the code (wrong client secret, code used or expired). */
        TOKEN_REJECTED(401, "sso_token_rejected", AuditOutcome.DENIED, false),
        /** The ID token failed validation (signature, issuer, audience, times, nonce). */
        INVALID_ID_TOKEN(401, "sso_invalid_id_token", AuditOutcome.DENIED, false),
        /** The identity is genuine but the mapping gives it no access. */
        ACCESS_REFUSED(403, "sso_access_refused", AuditOutcome.DENIED, false),
        /** The provider could not be reached or answered nonsense. */
        PROVIDER_UNAVAILABLE(502, "sso_provider_unavailable", AuditOutcome.FAILED, true),
        /** Too many logins are pending, or single sign-on cannot be completed on this installation. */
        UNAVAILABLE(503, "sso_unavailable", AuditOutcome.FAILED, true);

        private final int status;
        private final String code;
        private final AuditOutcome outcome;
        private final boolean temporary;

        Reason(int status, String code, AuditOutcome outcome, boolean temporary) {
            this.status = status;
            this.code = code;
            this.outcome = outcome;
            this.temporary = temporary;
        }

        public int status() {
            return status;
        }

        public String code() {
            return code;
        }

        public AuditOutcome outcome() {
            return outcome;
        }

        /** Whether the same login may succeed if started again later. */
        public boolean temporary() {
            return temporary;
        }
    }

    private final Reason reason;

    public OidcLoginFailure(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public OidcLoginFailure(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
