package io.vigil.server.audit;

import io.vigil.server.security.VigilPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.UUID;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Notes who called, for {@link RequestAuditFilter}: the filter records after Spring Security has cleared the
 * security context, so the caller is read here, while the request is being handled, and kept as a request
 * attribute.
 */
final class AuditInterceptor implements HandlerInterceptor {

    static final String CALLER = "vigil.audit.caller";

    /**
     * Who called, as the audit log records it.
     *
     * @param id         the account's id, {@code null} when only a name is known
     * @param kind       an {@link io.vigil.core.access.ActorKind} code, {@code null} when unknown
     * @param credential the API token or session that authenticated (never a secret), {@code null} if unknown
     */
    record Caller(UUID id, String name, String kind, String credential) {
        static Caller of(VigilPrincipal p) {
            return new Caller(p.actor().id(), p.actor().name(), p.actor().kind().code(),
                    p.method().name().toLowerCase(java.util.Locale.ROOT) + (p.credentialId() == null ? "" : ":" + p.credentialId()));
        }
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Caller caller = current();
        if (caller != null) {
            request.setAttribute(CALLER, caller);
        }
        return true;
    }

    /** The authenticated caller of the current thread's request, {@code null} if anonymous. */
    static Caller current() {
        var principal = VigilPrincipal.current();
        if (principal.isPresent()) {
            return Caller.of(principal.get());
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        // A principal that is not (yet) a VigilPrincipal: its name is all that is known of the account.
        Object raw = authentication.getPrincipal();
        return new Caller(null, authentication.getName(), null, raw == null ? null : raw.toString());
    }
}
