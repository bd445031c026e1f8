package io.vigil.server.security;

import io.vigil.core.access.Access;
import io.vigil.core.access.GrantSource;
import io.vigil.core.access.RoleBinding;
import io.vigil.store.identity.RoleBindings;
import io.vigil.store.identity.UserAccount;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Builds the principal of an authenticated account: its access is computed at this moment from its standing role
 * bindings and every {@link GrantSource}'s active grants. A restricted principal (password change or MFA
 * enrolment pending) holds no access at all.
 */
@Component
public final class PrincipalFactory {

    private final RoleBindings bindings;
    private final List<GrantSource> grantSources;
    private final Clock clock;

    PrincipalFactory(RoleBindings bindings, List<GrantSource> grantSources, Clock clock) {
        this.bindings = bindings;
        this.grantSources = List.copyOf(grantSources);
        this.clock = clock;
    }

    public VigilPrincipal forAccount(UserAccount account, VigilPrincipal.Method method, String credentialId,
                                     VigilPrincipal.Restriction restriction) {
        if (restriction != VigilPrincipal.Restriction.NONE) {
            return new VigilPrincipal(account.actor(), Access.none(), method, credentialId, restriction);
        }
        Instant now = clock.instant();
        List<RoleBinding> all = new ArrayList<>(bindings.active(account.id(), now));
        for (GrantSource source : grantSources) {
            all.addAll(source.activeGrants(account.id(), now));
        }
        // A grant source cannot widen what the account's kind may hold (a client role for staff, another tenant
        // for a client user), whatever its own checks.
        List<RoleBinding> allowed = all.stream()
                .filter(b -> account.kind().mayHold(b.role()))
                .filter(b -> account.homeTenant() == null || account.homeTenant().equals(b.tenant()))
                .toList();
        return new VigilPrincipal(account.actor(), Access.of(allowed, now), method, credentialId, restriction);
    }
}
