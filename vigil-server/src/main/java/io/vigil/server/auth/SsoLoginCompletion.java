package io.vigil.server.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.api.ApiError;
import io.vigil.server.auth.oidc.MappedAccess;
import io.vigil.server.auth.oidc.OidcIdentity;
import io.vigil.server.auth.oidc.OidcLoginCompletion;
import io.vigil.store.DuplicateException;
import io.vigil.store.identity.RoleBindingRow;
import io.vigil.store.identity.RoleBindings;
import io.vigil.store.identity.UserAccount;
import io.vigil.store.identity.Users;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Ends a proven single sign-on login: the account of {@code (issuer, subject)} is found or created, its
 * {@code sso} role bindings are replaced by what the provider's claims map to now (so removing someone from a group
 * at the provider removes the role at their next login), a session is opened and the browser goes back to where
 * it started. The provider's second factor counts for MSSP staff (the mapping insists on it); a client whose tenant
 * requires MFA must either have used it at the provider or enrol TOTP in Vigil.
 */
@Component
final class SsoLoginCompletion implements OidcLoginCompletion {

    private final Users users;
    private final RoleBindings bindings;
    private final SessionStarter sessions;
    private final ObjectMapper json;

    SsoLoginCompletion(Users users, RoleBindings bindings, SessionStarter sessions, ObjectMapper json) {
        this.users = users;
        this.bindings = bindings;
        this.sessions = sessions;
        this.json = json;
    }

    @Override
    public void complete(OidcIdentity identity, MappedAccess access, String returnPath, HttpServletRequest request,
                         HttpServletResponse response) throws IOException {
        UserAccount account;
        try {
            account = users.findOrCreateExternal(identity.issuer(), identity.subject(), identity.login(),
                    identity.name() == null ? identity.login() : identity.name(), access.kind(), access.homeTenant());
        } catch (DuplicateException taken) {
            refuse(response, 409, "conflict", "the login '" + identity.login() + "' belongs to another account; "
                    + "an administrator must rename one of them");
            return;
        }
        if (account.disabled()) {
            refuse(response, 403, "forbidden", "this account is disabled in Vigil");
            return;
        }
        bindings.replace(account.id(), RoleBindingRow.SSO, access.bindings());
        if (access.mfaAtProvider()) {
            sessions.openAfterProviderMfa(account, request, response);
        } else {
            sessions.open(account, request, response);
        }
        response.setStatus(303);
        response.setHeader("Location", returnPath);
    }

    private void refuse(HttpServletResponse response, int status, String error, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        json.writeValue(response.getOutputStream(), ApiError.of(error, message));
    }
}
