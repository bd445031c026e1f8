package io.vigil.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.api.ApiError;
import io.vigil.core.audit.AuditOutcome;
import io.vigil.server.security.AccessAttributes;
import io.vigil.server.security.PrincipalFactory;
import io.vigil.server.security.VigilPrincipal;
import io.vigil.store.identity.Sessions;
import io.vigil.store.identity.UserAccount;
import io.vigil.store.identity.UserSession;
import io.vigil.store.identity.Users;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its {@code vigil_session} cookie. Because a browser sends the cookie with every
 * request to the site, a state-changing request (POST, PUT, PATCH, DELETE) must also carry the session's CSRF
 * token in {@code X-CSRF-Token}, which another site's page cannot read; without it the answer is 403. Requests with
 * an {@code Authorization} header are left to the token filter: a bearer token is no ambient credential.
 */
public final class SessionFilter extends OncePerRequestFilter {

    /** The request attribute holding the {@link UserSession} of a cookie-authenticated request. */
    public static final String SESSION = "vigil.auth.session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
    private static final String LOGIN = "/api/v1/auth/login";

    private final Sessions sessions;
    private final Users users;
    private final PrincipalFactory principals;
    private final AuthAudit audit;
    private final ObjectMapper json;

    public SessionFilter(Sessions sessions, Users users, PrincipalFactory principals, AuthAudit audit, ObjectMapper json) {
        this.sessions = sessions;
        this.users = users;
        this.principals = principals;
        this.audit = audit;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String cookie = cookie(request);
        // The login endpoint opens a new session whatever cookie the browser still has.
        if (cookie == null || request.getHeader("Authorization") != null || LOGIN.equals(request.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<UserSession> found = sessions.verify(cookie);
        Optional<UserAccount> account = found.flatMap(s -> users.find(s.userId()));
        if (found.isEmpty() || account.isEmpty()) {
            chain.doFilter(request, response); // unauthenticated: the chain answers 401 where it must
            return;
        }
        UserSession session = found.get();
        VigilPrincipal principal = principals.forAccount(account.get(), VigilPrincipal.Method.SESSION,
                session.id().toString(), Restrictions.principal(session.restriction()));
        request.setAttribute(AccessAttributes.PRINCIPAL, principal);
        if (!SAFE.contains(request.getMethod()) && !csrfMatches(request.getHeader(CSRF_HEADER), session.csrfToken())) {
            audit.record(principal.actor(), null, "auth.csrf", request.getMethod() + " " + request.getRequestURI(),
                    AuditOutcome.DENIED, request, Map.of("reason", request.getHeader(CSRF_HEADER) == null ? "missing" : "mismatch"));
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), ApiError.of("csrf",
                    "a state-changing request of a browser session must carry the session's " + CSRF_HEADER + " header"));
            return;
        }
        sessions.touch(session.id());
        request.setAttribute(SESSION, session);
        SecurityContextHolder.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(principal, null, List.of()));
        chain.doFilter(request, response);
    }

    private static boolean csrfMatches(String presented, String expected) {
        return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    private static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (SessionStarter.COOKIE.equals(c.getName()) && !c.getValue().isEmpty()) {
                return c.getValue();
            }
        }
        return null;
    }
}
