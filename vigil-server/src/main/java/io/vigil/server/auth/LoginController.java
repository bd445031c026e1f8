package io.vigil.server.auth;

import io.vigil.core.api.ApiError;
import io.vigil.core.audit.AuditOutcome;
import io.vigil.server.api.Validation;
import io.vigil.server.security.Authenticated;
import io.vigil.server.security.Public;
import io.vigil.server.security.VigilPrincipal;
import io.vigil.store.identity.RoleBindings;
import io.vigil.store.identity.Sessions;
import io.vigil.store.identity.UserSession;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Password login, logout, and "who am I" for browser sessions. */
@RestController
@RequestMapping("/api/v1/auth")
class LoginController {

    private static final int MAX_FIELD = 1024;

    private final PasswordLogin login;
    private final SessionStarter starter;
    private final LoginRateLimiter rateLimiter;
    private final Sessions sessions;
    private final RoleBindings bindings;
    private final AuthAudit audit;

    LoginController(PasswordLogin login, SessionStarter starter, LoginRateLimiter rateLimiter, Sessions sessions,
                    RoleBindings bindings, AuthAudit audit) {
        this.login = login;
        this.starter = starter;
        this.rateLimiter = rateLimiter;
        this.sessions = sessions;
        this.bindings = bindings;
        this.audit = audit;
    }

    record LoginRequest(String login, String password, String totp, String recoveryCode) {
        @Override
        public String toString() {
            return "LoginRequest[login=" + login + "]";
        }
    }

    @Public
    @PostMapping("/login")
    ResponseEntity<?> login(@RequestBody LoginRequest body, HttpServletRequest request, HttpServletResponse response) {
        OptionalLong retryAfter = rateLimiter.acquire(AuthAudit.address(request));
        if (retryAfter.isPresent()) {
            audit.unknownLogin(body.login(), request, Map.of("reason", "rate-limited"));
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.getAsLong()))
                    .body(ApiError.of("too_many_requests", "too many login attempts from this address; retry later"));
        }
        Validation validation = new Validation();
        validation.require(body.login() != null && !body.login().isBlank(), "login", "required");
        validation.require(body.password() != null && !body.password().isEmpty(), "password", "required");
        for (var field : Map.of("login", String.valueOf(body.login()), "password", String.valueOf(body.password()),
                "totp", String.valueOf(body.totp()), "recoveryCode", String.valueOf(body.recoveryCode())).entrySet()) {
            validation.require(field.getValue().length() <= MAX_FIELD, field.getKey(), "at most " + MAX_FIELD + " characters");
        }
        validation.throwIfInvalid("login");
        PasswordLogin.Outcome outcome = login.attempt(
                new PasswordLogin.Attempt(body.login(), body.password(), body.totp(), body.recoveryCode()), request);
        return switch (outcome) {
            case PasswordLogin.Outcome.Success success -> ResponseEntity.ok(starter.open(success.account(), request, response));
            case PasswordLogin.Outcome.MfaRequired mfa -> ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .body(ApiError.of("mfa_required", "this account needs a TOTP code or a recovery code with the password"));
            case PasswordLogin.Outcome.Refused refused -> ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                    .body(ApiError.of("invalid_credentials", "invalid credentials"));
        };
    }

    @Authenticated(evenRestricted = true)
    @PostMapping("/logout")
    ResponseEntity<Void> logout(HttpServletRequest request, HttpServletResponse response) {
        if (request.getAttribute(SessionFilter.SESSION) instanceof UserSession session) {
            sessions.revoke(session.id());
            VigilPrincipal.current().ifPresent(p -> audit.record(p.actor(), null, "auth.logout", null,
                    AuditOutcome.SUCCESS, request, Map.of("session", session.id().toString())));
        }
        starter.clear(response);
        return ResponseEntity.noContent().build();
    }

    record Me(String id, String login, String kind, String homeTenant, String method, String restriction,
              String csrfToken, List<Binding> bindings) {
    }

    record Binding(String role, String tenant) {
    }

    @Authenticated(evenRestricted = true)
    @GetMapping("/me")
    Me me(HttpServletRequest request) {
        VigilPrincipal principal = VigilPrincipal.current().orElseThrow(() ->
                new IllegalArgumentException("this endpoint describes account sessions and API tokens of accounts"));
        String csrf = request.getAttribute(SessionFilter.SESSION) instanceof UserSession s ? s.csrfToken() : null;
        List<Binding> held = bindings.list(principal.actor().id()).stream()
                .map(row -> new Binding(row.binding().role().code(),
                        row.binding().tenant() == null ? null : row.binding().tenant().toString()))
                .toList();
        var actor = principal.actor();
        return new Me(actor.id().toString(), actor.name(), actor.kind().code(),
                actor.homeTenant() == null ? null : actor.homeTenant().toString(),
                principal.method().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                principal.restriction().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), csrf, held);
    }
}
