package io.vigil.server.auth;

import io.vigil.core.api.ApiError.Problem;
import io.vigil.core.audit.AuditOutcome;
import io.vigil.server.api.InvalidRequestException;
import io.vigil.server.security.Authenticated;
import io.vigil.store.identity.PasswordPolicy;
import io.vigil.store.identity.Passwords;
import io.vigil.store.identity.SessionRestriction;
import io.vigil.store.identity.Sessions;
import io.vigil.store.identity.UserAccount;
import io.vigil.store.identity.Users;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A session's account changes its own password (the only thing a session restricted to a password change may
 * do). Every other session of the account ends: whoever knew the old password is logged out.
 */
@RestController
class PasswordController {

    private final Users users;
    private final Passwords passwords;
    private final Sessions sessions;
    private final Restrictions restrictions;
    private final AuthAudit audit;

    PasswordController(Users users, Passwords passwords, Sessions sessions, Restrictions restrictions, AuthAudit audit) {
        this.users = users;
        this.passwords = passwords;
        this.sessions = sessions;
        this.restrictions = restrictions;
        this.audit = audit;
    }

    record ChangePassword(String oldPassword, String newPassword) {
        @Override
        public String toString() {
            return "ChangePassword[***]";
        }
    }

    record Changed(String restriction, int otherSessionsEnded) {
    }

    @Authenticated(evenRestricted = true)
    @PostMapping("/api/v1/auth/password")
    Changed change(@RequestBody ChangePassword body, HttpServletRequest request) {
        SessionContext context = SessionContext.of(request);
        UserAccount account = users.find(context.principal().actor().id()).orElseThrow();
        String hash = users.credentials(account.id()).orElseThrow().passwordHash();
        List<Problem> problems = new ArrayList<>();
        if (body.oldPassword() == null || hash == null || !passwords.verify(body.oldPassword(), hash)) {
            problems.add(new Problem("oldPassword", "does not match the current password"));
        }
        PasswordPolicy.problems(account.login(), body.newPassword()).forEach(p -> problems.add(new Problem("newPassword", p)));
        if (body.newPassword() != null && body.newPassword().equals(body.oldPassword())) {
            problems.add(new Problem("newPassword", "must differ from the current password"));
        }
        if (!problems.isEmpty()) {
            audit.record(account.actor(), null, "auth.password-change", null, AuditOutcome.FAILED, request,
                    Map.of("problems", Integer.toString(problems.size())));
            throw new InvalidRequestException("password not changed: " + problems.size() + " problem(s)", problems);
        }
        users.setPassword(account.id(), passwords.hash(body.newPassword()), false);
        int ended = sessions.revokeAll(account.id(), context.session().id());
        SessionRestriction next = restrictions.of(users.find(account.id()).orElseThrow());
        sessions.restrict(context.session().id(), next);
        audit.record(account.actor(), null, "auth.password-change", null, AuditOutcome.SUCCESS, request,
                Map.of("otherSessionsEnded", Integer.toString(ended)));
        return new Changed(next.code(), ended);
    }
}
