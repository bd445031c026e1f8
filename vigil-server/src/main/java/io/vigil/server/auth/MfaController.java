package io.vigil.server.auth;

import io.vigil.core.audit.AuditOutcome;
import io.vigil.server.config.AuthSettings;
import io.vigil.server.security.Authenticated;
import io.vigil.store.DuplicateException;
import io.vigil.store.identity.Credentials;
import io.vigil.store.identity.RecoveryCodes;
import io.vigil.store.identity.SessionRestriction;
import io.vigil.store.identity.Sessions;
import io.vigil.store.identity.Totp;
import io.vigil.store.identity.UserAccount;
import io.vigil.store.identity.Users;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * TOTP enrolment for the session's own account: a new secret is issued, and becomes the account's only once a
 * code from the authenticator proves it was stored. Confirmation hands out the recovery codes, once.
 */
@RestController
@RequestMapping("/api/v1/auth/mfa/totp")
class MfaController {

    private final Users users;
    private final Totp totp;
    private final RecoveryCodes recoveryCodes;
    private final Sessions sessions;
    private final Restrictions restrictions;
    private final AuthSettings settings;
    private final AuthAudit audit;

    MfaController(Users users, Totp totp, RecoveryCodes recoveryCodes, Sessions sessions, Restrictions restrictions,
                  AuthSettings settings, AuthAudit audit) {
        this.users = users;
        this.totp = totp;
        this.recoveryCodes = recoveryCodes;
        this.sessions = sessions;
        this.restrictions = restrictions;
        this.settings = settings;
        this.audit = audit;
    }

    record Enrolment(String secret, String uri) {
    }

    record Confirm(String code) {
    }

    record Enrolled(List<String> recoveryCodes, String restriction) {
    }

    @Authenticated(evenRestricted = true)
    @PostMapping
    Enrolment start(HttpServletRequest request) {
        UserAccount account = account(request);
        if (account.totpEnrolled()) {
            throw new DuplicateException("TOTP is already enrolled for this account");
        }
        String secret = Totp.newSecret();
        users.startTotpEnrolment(account.id(), secret);
        return new Enrolment(secret, Totp.uri(settings.totpIssuer(), account.login(), secret));
    }

    @Authenticated(evenRestricted = true)
    @PostMapping("/confirm")
    Enrolled confirm(@RequestBody Confirm body, HttpServletRequest request) {
        SessionContext context = SessionContext.of(request);
        UserAccount account = account(request);
        if (account.totpEnrolled()) {
            throw new DuplicateException("TOTP is already enrolled for this account");
        }
        Credentials credentials = users.credentials(account.id()).orElseThrow();
        if (credentials.totpPendingSecret() == null) {
            throw new IllegalArgumentException("no TOTP enrolment started: POST /api/v1/auth/mfa/totp first");
        }
        OptionalLong step = totp.verify(credentials.totpPendingSecret(), body.code(), null);
        if (step.isEmpty() || !users.confirmTotp(account.id(), step.getAsLong())) {
            audit.record(account.actor(), null, "auth.mfa-enrol", "totp", AuditOutcome.FAILED, request,
                    Map.of("reason", "wrong-code"));
            throw new IllegalArgumentException("code: not the current code of the new secret (check the device's clock)");
        }
        List<String> codes = recoveryCodes.issue(account.id());
        SessionRestriction next = restrictions.of(users.find(account.id()).orElseThrow());
        sessions.restrict(context.session().id(), next);
        audit.record(account.actor(), null, "auth.mfa-enrol", "totp", AuditOutcome.SUCCESS, request, Map.of());
        return new Enrolled(codes, next.code());
    }

    private UserAccount account(HttpServletRequest request) {
        return users.find(SessionContext.of(request).principal().actor().id()).orElseThrow();
    }
}
