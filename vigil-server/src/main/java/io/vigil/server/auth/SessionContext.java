package io.vigil.server.auth;

import io.vigil.server.security.VigilPrincipal;
import io.vigil.store.identity.UserSession;
import jakarta.servlet.http.HttpServletRequest;

/** The browser session and principal of a request to an endpoint that only makes sense for a session. */
record SessionContext(VigilPrincipal principal, UserSession session) {

    static SessionContext of(HttpServletRequest request) {
        if (request.getAttribute(SessionFilter.SESSION) instanceof UserSession session) {
            VigilPrincipal principal = VigilPrincipal.current().orElseThrow();
            return new SessionContext(principal, session);
        }
        throw new IllegalArgumentException("this endpoint is for a browser session (log in at /api/v1/auth/login)");
    }
}
