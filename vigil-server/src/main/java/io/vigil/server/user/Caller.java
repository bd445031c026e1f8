package io.vigil.server.user;

import io.vigil.core.access.Access;
import io.vigil.core.access.Actor;
import io.vigil.core.access.ActorKind;
import io.vigil.core.access.Permission;
import io.vigil.core.access.RoleBinding;
import io.vigil.core.tenant.TenantId;
import io.vigil.server.security.VigilPrincipal;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who administers accounts in this request. An account principal may grant a role only where it holds every
 * permission of that role itself, so that user administration can never raise anyone above the administrator.
 * A platform API token (which predates per-account principals) holds everything.
 */
record Caller(String name, Actor actor, Access access) {

    private static final UUID TOKEN_ACTOR = new UUID(0, 0);

    static Caller current() {
        Optional<VigilPrincipal> principal = VigilPrincipal.current();
        if (principal.isPresent()) {
            return new Caller(principal.get().getName(), principal.get().actor(), principal.get().access());
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String name = authentication == null ? "unknown" : "token:" + authentication.getName();
        return new Caller(name, new Actor(TOKEN_ACTOR, name, ActorKind.SERVICE, null), null);
    }

    /** @throws ForbiddenException if the binding would grant something the caller does not hold */
    void requireMayGrant(RoleBinding binding) {
        if (access == null) {
            return;
        }
        // a tenant id nobody is bound to: only bindings to every tenant grant a permission on it
        TenantId anyTenant = binding.tenant() == null ? TenantId.random() : binding.tenant();
        for (Permission permission : binding.role().permissions()) {
            boolean held = permission.isPlatform() ? access.can(permission) : access.can(permission, anyTenant);
            if (!held) {
                throw new ForbiddenException("you cannot grant " + binding.role().code() + " on "
                        + (binding.tenant() == null ? "all tenants" : "this tenant") + ": it holds "
                        + permission.code() + ", which you do not hold there");
            }
        }
    }

    boolean is(UUID accountId) {
        return actor.id().equals(accountId);
    }
}
