package io.vigil.server.auth;

import io.vigil.server.config.AuthSettings;
import io.vigil.store.identity.OpenedSession;
import io.vigil.store.identity.SessionRestriction;
import io.vigil.store.identity.Sessions;
import io.vigil.store.identity.UserAccount;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Opens a browser session for an account that has authenticated (by password here, by SSO elsewhere) and hands
 * the browser its cookie: {@code HttpOnly} (no script reads it), {@code SameSite=Strict} (no other site's page
 * sends it), {@code Secure} unless configured off, for the whole site.
 */
@Component
public final class SessionStarter {

    public static final String COOKIE = "vigil_session";

    private final Sessions sessions;
    private final Restrictions restrictions;
    private final AuthSettings settings;

    SessionStarter(Sessions sessions, Restrictions restrictions, AuthSettings settings) {
        this.sessions = sessions;
        this.restrictions = restrictions;
        this.settings = settings;
    }

    public LoginResult open(UserAccount account, HttpServletRequest request, HttpServletResponse response) {
        return open(account, restrictions.of(account), request, response);
    }

    /**
     * Opens a session for an account whose identity provider proved a second factor (single sign-on): no local TOTP
     * enrolment is asked of it.
     */
    public LoginResult openAfterProviderMfa(UserAccount account, HttpServletRequest request, HttpServletResponse response) {
        SessionRestriction restriction = restrictions.of(account);
        return open(account, restriction == SessionRestriction.MFA_ENROLMENT ? SessionRestriction.NONE : restriction,
                request, response);
    }

    private LoginResult open(UserAccount account, SessionRestriction restriction, HttpServletRequest request,
                             HttpServletResponse response) {
        OpenedSession opened = sessions.open(account.id(), restriction, AuthAudit.address(request),
                request.getHeader("User-Agent"));
        response.addHeader(HttpHeaders.SET_COOKIE, cookie(opened.secret(), settings.absoluteLifetime().toSeconds()));
        return new LoginResult(account.id(), account.login(), account.displayName(), account.kind().code(),
                opened.session().csrfToken(), restriction.code(), opened.session().expiresAt());
    }

    /** Tells the browser to forget its session cookie. */
    void clear(HttpServletResponse response) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie("", 0));
    }

    private String cookie(String value, long maxAgeSeconds) {
        return ResponseCookie.from(COOKIE, value).httpOnly(true).secure(settings.cookieSecure()).sameSite("Strict")
                .path("/").maxAge(maxAgeSeconds).build().toString();
    }
}
