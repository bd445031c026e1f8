package io.vigil.server.auth.oidc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What happens once a single sign-on login is proven and mapped: find or create the account for
 * {@code (issuer, subject)}, replace its {@code sso} role bindings with {@code access.bindings()}, open a session and
 * answer the browser (typically a redirect to {@code returnPath}). Called only with a verified identity and a
 * non-empty mapping. Exactly one implementation is expected in the application; until there is one, single sign-on
 * logins are refused with 503.
 */
public interface OidcLoginCompletion {

    /**
     * @param returnPath the local path the login was started for ({@code /} if none was given); already checked
     *                   to be a path on this server
     * @throws IOException if the answer cannot be written
     */
    void complete(OidcIdentity identity, MappedAccess access, String returnPath, HttpServletRequest request,
                  HttpServletResponse response) throws IOException;
}
