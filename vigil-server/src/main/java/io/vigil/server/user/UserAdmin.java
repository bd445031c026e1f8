package io.vigil.server.user;

import io.vigil.core.access.RoleBinding;
import io.vigil.core.audit.AuditOutcome;
import io.vigil.core.tenant.TenantId;
import io.vigil.server.auth.AuthAudit;
import io.vigil.server.security.Caller;
import io.vigil.store.identity.NewUser;
import io.vigil.store.identity.Passwords;
import io.vigil.store.identity.RoleBindingRow;
import io.vigil.store.identity.RoleBindings;
import io.vigil.store.identity.Sessions;
import io.vigil.store.identity.UserAccount;
import io.vigil.store.identity.Users;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** What both administration APIs (platform and tenant) do to accounts, audited. */
@Component
final class UserAdmin {

    private final Users users;
    private final RoleBindings bindings;
    private final Sessions sessions;
    private final Passwords passwords;
    private final AuthAudit audit;
    private final Clock clock;

    UserAdmin(Users users, RoleBindings bindings, Sessions sessions, Passwords passwords, AuthAudit audit, Clock clock) {
        this.users = users;
        this.bindings = bindings;
        this.sessions = sessions;
        this.passwords = passwords;
        this.audit = audit;
        this.clock = clock;
    }

    /** An account just created or reset, with its one-time password if it has one (shown only now). */
    record WithPassword(UserView user, String oneTimePassword) {
        @Override
        public String toString() {
            return "WithPassword[user=" + user.login() + ", oneTimePassword=***]";
        }
    }

    UserView view(UserAccount account) {
        return UserView.of(account, bindings.list(account.id()), clock);
    }

    WithPassword create(NewUser user, boolean withPassword, List<RoleBinding> roles, HttpServletRequest request) {
        Caller caller = Caller.current(request);
        roles.forEach(caller::requireMayGrant);
        String password = withPassword ? OneTimePasswords.generate(user.login()) : null;
        NewUser stored = new NewUser(user.login(), user.displayName(), user.kind(), user.homeTenant(),
                password == null ? null : passwords.hash(password), password != null);
        UserAccount account = users.create(stored);
        audit.record(caller.actor(), account.homeTenant(), "user.create", account.id().toString(), AuditOutcome.SUCCESS,
                request, Map.of("login", account.login(), "kind", account.kind().code()));
        for (RoleBinding role : roles) {
            grant(caller, account, role, request);
        }
        return new WithPassword(view(account), password);
    }

    void disable(UserAccount account, HttpServletRequest request) {
        Caller caller = Caller.current(request);
        if (caller.is(account.id())) {
            throw new IllegalArgumentException("you cannot disable your own account");
        }
        users.disable(account.id());
        int ended = sessions.revokeAll(account.id(), null);
        audit.record(caller.actor(), account.homeTenant(), "user.disable", account.id().toString(), AuditOutcome.SUCCESS,
                request, Map.of("login", account.login(), "sessionsEnded", Integer.toString(ended)));
    }

    WithPassword resetPassword(UserAccount account, HttpServletRequest request) {
        Caller caller = Caller.current(request);
        if (account.kind() == io.vigil.core.access.ActorKind.SERVICE) {
            throw new IllegalArgumentException("a service account has no password (it uses API tokens)");
        }
        if (account.externalIssuer() != null) {
            throw new IllegalArgumentException("this account signs in through " + account.externalIssuer() + "; it has no password here");
        }
        String password = OneTimePasswords.generate(account.login());
        users.setPassword(account.id(), passwords.hash(password), true);
        int ended = sessions.revokeAll(account.id(), null);
        audit.record(caller.actor(), account.homeTenant(), "user.password-reset", account.id().toString(),
                AuditOutcome.SUCCESS, request, Map.of("login", account.login(), "sessionsEnded", Integer.toString(ended)));
        return new WithPassword(view(users.find(account.id()).orElseThrow()), password);
    }

    RoleBindingRow grant(UserAccount account, RoleBinding binding, HttpServletRequest request) {
        return grant(Caller.current(request), account, binding, request);
    }

    private RoleBindingRow grant(Caller caller, UserAccount account, RoleBinding binding, HttpServletRequest request) {
        caller.requireMayGrant(binding);
        RoleBindingRow row = bindings.grant(account.id(), binding, RoleBindingRow.MANUAL, caller.name());
        audit.record(caller.actor(), binding.tenant(), "user.role-grant", account.id().toString(), AuditOutcome.SUCCESS,
                request, Map.of("login", account.login(), "role", binding.role().code(),
                        "scope", binding.tenant() == null ? "all-tenants" : binding.tenant().toString()));
        return row;
    }

    void revoke(UserAccount account, RoleBindingRow row, HttpServletRequest request) {
        Caller caller = Caller.current(request);
        // taking a role away is as strong as giving it: whoever could not grant it cannot remove it either
        caller.requireMayGrant(row.binding());
        bindings.revoke(row.id());
        audit.record(caller.actor(), row.binding().tenant(), "user.role-revoke", account.id().toString(),
                AuditOutcome.SUCCESS, request, Map.of("login", account.login(), "role", row.binding().role().code(),
                        "scope", row.binding().tenant() == null ? "all-tenants" : row.binding().tenant().toString()));
    }

    /** The account's manual bindings on one tenant become exactly {@code roles}. */
    void setTenantRoles(UserAccount account, TenantId tenant, List<RoleBinding> roles, HttpServletRequest request) {
        List<RoleBindingRow> current = bindings.list(account.id()).stream()
                .filter(r -> tenant.equals(r.binding().tenant()) && RoleBindingRow.MANUAL.equals(r.source())).toList();
        for (RoleBindingRow row : current) {
            if (!roles.contains(row.binding())) {
                revoke(account, row, request);
            }
        }
        List<RoleBinding> held = current.stream().map(RoleBindingRow::binding).toList();
        for (RoleBinding role : roles) {
            if (!held.contains(role)) {
                grant(account, role, request);
            }
        }
    }

    static UUID id(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new io.vigil.store.NotFoundException("no user '" + text + "'");
        }
    }
}
