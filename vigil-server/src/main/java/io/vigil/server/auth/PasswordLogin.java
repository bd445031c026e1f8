package io.vigil.server.auth;

import io.vigil.core.audit.AuditOutcome;
import io.vigil.server.config.AuthSettings;
import io.vigil.store.identity.Credentials;
import io.vigil.store.identity.Passwords;
import io.vigil.store.identity.RecoveryCodes;
import io.vigil.store.identity.Totp;
import io.vigil.store.identity.UserAccount;
import io.vigil.store.identity.Users;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.stereotype.Component;

/**
 * Checks a login's password and second factor in one step. Every way of failing that would tell an attacker
 * something about the account (unknown, disabled, locked, no password, wrong password, wrong code) ends the same
 * way for the caller and costs the same Argon2 work; only the audit log records which it was.
 */
@Component
final class PasswordLogin {

    /** How a login attempt ended. */
    sealed interface Outcome {
        record Success(UserAccount account) implements Outcome {
        }

        /** The password was right but the account has TOTP and no code came with it. */
        record MfaRequired() implements Outcome {
        }

        record Refused() implements Outcome {
        }
    }

    record Attempt(String login, String password, String totp, String recoveryCode) {
        @Override
        public String toString() {
            return "Attempt[login=" + login + "]";
        }
    }

    private final Users users;
    private final Passwords passwords;
    private final Totp totp;
    private final RecoveryCodes recoveryCodes;
    private final AuthSettings settings;
    private final AuthAudit audit;
    private final Clock clock;

    PasswordLogin(Users users, Passwords passwords, Totp totp, RecoveryCodes recoveryCodes, AuthSettings settings,
                  AuthAudit audit, Clock clock) {
        this.users = users;
        this.passwords = passwords;
        this.totp = totp;
        this.recoveryCodes = recoveryCodes;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    Outcome attempt(Attempt attempt, HttpServletRequest request) {
        Optional<UserAccount> found = users.findByLogin(attempt.login());
        Optional<Credentials> credentials = found.flatMap(a -> users.credentials(a.id()));
        if (found.isEmpty() || credentials.isEmpty()) {
            passwords.verifyNothing(attempt.password());
            audit.unknownLogin(attempt.login(), request, Map.of("reason", "unknown-login"));
            return new Outcome.Refused();
        }
        UserAccount account = found.get();
        String hash = credentials.get().passwordHash();
        String refusal = account.disabled() ? "disabled" : account.lockedAt(clock.instant()) ? "locked"
                : hash == null ? "no-password" : null;
        if (refusal != null) {
            passwords.verifyNothing(attempt.password());
            return refuse(account, refusal, false, request);
        }
        if (!passwords.verify(attempt.password(), hash)) {
            return refuse(account, "wrong-password", true, request);
        }
        if (account.totpEnrolled()) {
            if (blank(attempt.totp()) && blank(attempt.recoveryCode())) {
                audit.record(account.actor(), null, "auth.login", null, AuditOutcome.FAILED, request,
                        Map.of("reason", "mfa-required"));
                return new Outcome.MfaRequired();
            }
            if (!secondFactor(account, credentials.get(), attempt, request)) {
                return refuse(account, blank(attempt.totp()) ? "wrong-recovery-code" : "wrong-totp", true, request);
            }
        }
        users.recordSuccessfulLogin(account.id());
        if (passwords.needsRehash(hash)) {
            users.setPassword(account.id(), passwords.hash(attempt.password()), account.passwordMustChange());
        }
        audit.record(account.actor(), null, "auth.login", null, AuditOutcome.SUCCESS, request,
                Map.of("method", "password", "mfa", account.totpEnrolled() ? (blank(attempt.totp()) ? "recovery-code" : "totp") : "none"));
        return new Outcome.Success(users.find(account.id()).orElse(account));
    }

    private boolean secondFactor(UserAccount account, Credentials credentials, Attempt attempt, HttpServletRequest request) {
        if (!blank(attempt.totp())) {
            OptionalLong step = totp.verify(credentials.totpSecret(), attempt.totp(), credentials.totpLastStep());
            return step.isPresent() && users.useTotpStep(account.id(), step.getAsLong());
        }
        boolean used = recoveryCodes.use(account.id(), attempt.recoveryCode());
        if (used) {
            audit.record(account.actor(), null, "auth.recovery-code", null, AuditOutcome.SUCCESS, request,
                    Map.of("remaining", Integer.toString(recoveryCodes.remaining(account.id()))));
        }
        return used;
    }

    private Outcome refuse(UserAccount account, String reason, boolean counts, HttpServletRequest request) {
        audit.record(account.actor(), null, "auth.login", null, AuditOutcome.FAILED, request, Map.of("reason", reason));
        if (counts && users.recordFailedLogin(account.id(), settings.lockoutThreshold(), settings.lockoutDuration())
                == Users.FailureOutcome.LOCKED) {
            audit.record(account.actor(), null, "auth.lockout", null, AuditOutcome.SUCCESS, request, Map.of(
                    "failures", Integer.toString(settings.lockoutThreshold()),
                    "lockedFor", settings.lockoutDuration().toString()));
        }
        return new Outcome.Refused();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
