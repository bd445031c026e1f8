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
 * Builds the principal of a request from an account: its standing role bindings plus every {@link GrantSource}'s
 * grants in force now (just-in-time access), computed afresh for each request so that a revoked binding or an
 * expired grant stops counting at once.
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

    /** The access an account holds now. */
    public Access accessOf(UserAccount account) {
        Instant now = clock.instant();
        List<RoleBinding> all = new ArrayList<>(bindings.active(account.id(), now));
        for (GrantSource source : grantSources) {
            all.addAll(source.activeGrants(account.id(), now));
        }
        return Access.of(all.stream().filter(b -> account.kind().mayHold(b.role())).toList(), now);
    }

    /** The principal of a request by this account; a restricted one holds no access until the restriction is lifted. */
    public VigilPrincipal forAccount(UserAccount account, VigilPrincipal.Method method, String credentialId,
                                     VigilPrincipal.Restriction restriction) {
        Access access = restriction == VigilPrincipal.Restriction.NONE ? accessOf(account) : Access.none();
        return new VigilPrincipal(account.actor(), access, method, credentialId, restriction);
    }
}
