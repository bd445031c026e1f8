package io.vigil.server.security;

import io.vigil.core.access.Access;
import io.vigil.core.access.Actor;
import io.vigil.core.access.Permission;
import io.vigil.core.access.RoleBinding;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.UUID;

/**
 * Who asks a feature to act in this request, with the access it holds and where it asks from (for the audit log).
 * An account may grant a role only where it holds every permission of that role itself, so that neither user
 * administration nor anything else can raise anyone above the one who grants.
 *
 * @param sourceIp  the client's address, {@code null} if unknown
 * @param userAgent the client's User-Agent, {@code null} if none
 */
public record Caller(Actor actor, Access access, String sourceIp, String userAgent) {

    public Caller {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(access, "access");
    }

    /** The caller of a request handled now. */
    public static Caller of(VigilPrincipal principal, HttpServletRequest request) {
        return new Caller(principal.actor(), principal.access(), request == null ? null : request.getRemoteAddr(),
                request == null ? null : request.getHeader("User-Agent"));
    }

    /** @throws AuthenticationRequiredProblem when nobody is signed in */
    public static Caller current(HttpServletRequest request) {
        return of(VigilPrincipal.current().orElseThrow(AuthenticationRequiredProblem::new), request);
    }

    public String name() {
        return actor.name();
    }

    public boolean is(UUID accountId) {
        return actor.id().equals(accountId);
    }

    /** @throws AccessDeniedProblem if the binding would grant something the caller does not hold on its scope */
    public void requireMayGrant(RoleBinding binding) {
        for (Permission permission : binding.role().permissions()) {
            boolean held = permission.isPlatform() ? access.can(permission)
                    : binding.tenant() == null ? access.canOnEveryTenant(permission)
                    : access.can(permission, binding.tenant());
            if (!held) {
                throw new AccessDeniedProblem("you cannot grant " + binding.role().code() + " on "
                        + (binding.tenant() == null ? "all tenants" : "this tenant") + ": it holds "
                        + permission.code() + ", which you do not hold there");
            }
        }
    }
}
