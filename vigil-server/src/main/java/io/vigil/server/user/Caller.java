package io.vigil.server.user;

import io.vigil.core.access.Access;
import io.vigil.core.access.Actor;
import io.vigil.core.access.Permission;
import io.vigil.core.access.RoleBinding;
import io.vigil.server.security.AuthenticationRequiredProblem;
import io.vigil.server.security.VigilPrincipal;
import java.util.UUID;

/**
 * Who administers accounts in this request. An account principal may grant a role only where it holds every
 * permission of that role itself, so that user administration can never raise anyone above the administrator.
 */
record Caller(String name, Actor actor, Access access) {

    static Caller current() {
        VigilPrincipal principal = VigilPrincipal.current().orElseThrow(AuthenticationRequiredProblem::new);
        return new Caller(principal.getName(), principal.actor(), principal.access());
    }

    /** @throws ForbiddenException if the binding would grant something the caller does not hold */
    void requireMayGrant(RoleBinding binding) {
        for (Permission permission : binding.role().permissions()) {
            boolean held = permission.isPlatform() ? access.can(permission)
                    : binding.tenant() == null ? access.canOnEveryTenant(permission)
                    : access.can(permission, binding.tenant());
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
