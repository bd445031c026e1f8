package io.vigil.server.auth.oidc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import io.vigil.core.access.RoleBinding;
import io.vigil.core.api.ApiError;
import io.vigil.core.audit.AuditOutcome;
import io.vigil.core.audit.AuditRecord;
import io.vigil.core.audit.AuditSink;
import io.vigil.core.tenant.TenantId;
import io.vigil.core.tenant.TenantSlug;
import io.vigil.server.security.Public;
import io.vigil.store.tenant.TenantDirectory;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The browser's side of single sign-on: which providers there are, starting a login (a redirect to the provider),
 * and the provider's callback, which checks the state, exchanges the code, validates the ID token, maps its claims
 * and hands the result to the {@link OidcLoginCompletion}. Every callback is audited ({@code auth.sso.login},
 * {@code auth.sso.failed}).
 */
@RestController
@RequestMapping("/api/v1/auth/oidc")
class OidcController {

    static final String COOKIE = "vigil_sso";
    private static final String COOKIE_PATH = "/api/v1/auth/oidc";
    private static final int MAX_PARAMETER = 4096;

    private final OidcProviders providers;
    private final OidcLoginState logins;
    private final OidcSettings settings;
    private final TenantDirectory tenants;
    private final ObjectProvider<OidcLoginCompletion> completion;
    private final ObjectProvider<AuditSink> audit;
    private final ObjectMapper json;
    private final Clock clock;

    OidcController(OidcProviders providers, OidcLoginState logins, OidcSettings settings, TenantDirectory tenants,
                   ObjectProvider<OidcLoginCompletion> completion, ObjectProvider<AuditSink> audit, ObjectMapper json,
                   Clock clock) {
        this.providers = providers;
        this.logins = logins;
        this.settings = settings;
        this.tenants = tenants;
        this.completion = completion;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    /** A provider a login page can offer. */
    record ProviderView(String id, String displayName, String loginPath) {
    }

    @Public
    @GetMapping
    List<ProviderView> providers() {
        return providers.all().stream()
                .map(p -> new ProviderView(p.id(), p.displayName(), COOKIE_PATH + "/" + p.id() + "/login"))
                .toList();
    }

    @Public
    @GetMapping("/{provider}/login")
    ResponseEntity<?> login(@PathVariable("provider") String providerId,
                            @RequestParam(name = "return", required = false) String returnPath,
                            HttpServletRequest request) {
        OidcProviders.Configured provider = providers.require(providerId);
        String target = checkedReturnPath(returnPath);
        try {
            requireCompletable();
            OidcLoginState.Started started = logins.start(provider.id(), target, cookie(request).orElse(null));
            URI location = provider.client().authorizationUri(started.state(), started.pending().nonce(),
                    started.pending().verifier());
            return ResponseEntity.status(HttpStatus.FOUND)
                    .header(HttpHeaders.LOCATION, location.toString())
                    .header(HttpHeaders.SET_COOKIE, browserCookie(provider, started.browserKey(),
                            settings.loginTimeout().toSeconds()).toString())
                    .header(HttpHeaders.CACHE_CONTROL, "no-store")
                    .build();
        } catch (OidcLoginFailure failure) {
            return ResponseEntity.status(failure.reason().status())
                    .body(ApiError.of(failure.reason().code(), failure.getMessage()));
        }
    }

    @Public
    @GetMapping("/{provider}/callback")
    void callback(@PathVariable("provider") String providerId,
                  @RequestParam(name = "state", required = false) String state,
                  @RequestParam(name = "code", required = false) String code,
                  @RequestParam(name = "error", required = false) String error,
                  @RequestParam(name = "error_description", required = false) String errorDescription,
                  @RequestParam(name = "iss", required = false) String responseIssuer,
                  HttpServletRequest request, HttpServletResponse response) throws IOException {
        OidcProviders.Configured provider = providers.require(providerId);
        response.addHeader(HttpHeaders.SET_COOKIE, browserCookie(provider, "", 0).toString());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        OidcIdentity identity = null;
        try {
            OidcLoginCompletion completer = requireCompletable();
            if (tooLong(state) || tooLong(code) || tooLong(error) || tooLong(responseIssuer)) {
                throw new OidcLoginFailure(OidcLoginFailure.Reason.BAD_CALLBACK, "a callback parameter is longer than "
                        + MAX_PARAMETER + " characters");
            }
            OidcLoginState.Pending login = logins.take(state, provider.id(), cookie(request).orElse(null));
            provider.client().checkResponseIssuer(responseIssuer);
            if (error != null) {
                throw new OidcLoginFailure(OidcLoginFailure.Reason.PROVIDER_ERROR, "the identity provider refused the login: "
                        + printable(error) + (errorDescription == null ? "" : " (" + printable(errorDescription) + ")"));
            }
            if (code == null || code.isBlank()) {
                throw new OidcLoginFailure(OidcLoginFailure.Reason.BAD_CALLBACK, "the callback carries no 'code'");
            }
            identity = provider.client().exchange(new AuthorizationCode(code), login.nonce(), login.verifier());
            MappedAccess access = switch (provider.mapping().map(identity.claims(), this::tenantBySlug)) {
                case OidcClaimMapping.Outcome.Granted granted -> granted.access();
                case OidcClaimMapping.Outcome.Refused refused ->
                        throw new OidcLoginFailure(OidcLoginFailure.Reason.ACCESS_REFUSED, refused.reason());
            };
            record(request, identity, access.kind().code(), access.homeTenant(), "auth.sso.login", AuditOutcome.SUCCESS,
                    provider, Map.of("roles", describe(access.bindings())));
            try {
                completer.complete(identity, access, login.returnPath(), request, response);
            } catch (RuntimeException | IOException e) {
                record(request, identity, access.kind().code(), access.homeTenant(), "auth.sso.failed",
                        AuditOutcome.FAILED, provider, Map.of("reason", "the session could not be opened"));
                throw e;
            }
        } catch (OidcLoginFailure failure) {
            if (audit.getIfAvailable() != null) {
                record(request, identity, null, null, "auth.sso.failed", failure.reason().outcome(), provider,
                        Map.of("reason", failure.getMessage(), "error", failure.reason().code()));
            }
            response.setStatus(failure.reason().status());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            json.writeValue(response.getOutputStream(), ApiError.of(failure.reason().code(), failure.getMessage()));
        }
    }

    /** Refuses to start or finish a login that could not be audited or turned into a session. */
    private OidcLoginCompletion requireCompletable() {
        OidcLoginCompletion completer = completion.getIfAvailable();
        if (completer == null || audit.getIfAvailable() == null) {
            throw new OidcLoginFailure(OidcLoginFailure.Reason.UNAVAILABLE,
                    "single sign-on is configured but this installation cannot open sessions or audit logins yet");
        }
        return completer;
    }

    private Optional<TenantId> tenantBySlug(String slug) {
        return tenants.find(new TenantSlug(slug)).map(io.vigil.core.tenant.Tenant::id);
    }

    private void record(HttpServletRequest request, OidcIdentity identity, String kind, TenantId tenant, String action,
                        AuditOutcome outcome, OidcProviders.Configured provider, Map<String, String> extra) {
        Map<String, String> details = new LinkedHashMap<>(extra);
        details.put("provider", provider.id());
        if (identity != null) {
            details.put("issuer", identity.issuer());
            details.put("subject", identity.subject());
        }
        audit.getObject().record(new AuditRecord(clock.instant(), null, identity == null ? "unknown" : identity.login(),
                kind, tenant, action, COOKIE_PATH + "/" + provider.id(), outcome, request.getRemoteAddr(),
                request.getHeader(HttpHeaders.USER_AGENT), details));
    }

    private ResponseCookie browserCookie(OidcProviders.Configured provider, String value, long maxAgeSeconds) {
        return ResponseCookie.from(COOKIE, value)
                .path(COOKIE_PATH)
                .httpOnly(true)
                .secure(provider.client().provider().redirectBaseUrl().startsWith("https:"))
                // Lax: the provider's redirect back to the callback is a top-level GET, which Lax lets through
                .sameSite("Lax")
                .maxAge(maxAgeSeconds)
                .build();
    }

    private static Optional<String> cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (COOKIE.equals(cookie.getName()) && !cookie.getValue().isEmpty()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /** Only a path on this server, so that a login link cannot send the person elsewhere afterwards. */
    static String checkedReturnPath(String returnPath) {
        if (returnPath == null || returnPath.isEmpty()) {
            return "/";
        }
        if (returnPath.length() > 512 || !returnPath.startsWith("/") || returnPath.startsWith("//")
                || returnPath.contains("\\") || returnPath.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw new IllegalArgumentException("'return' must be a path on this server (starting with a single '/', "
                    + "at most 512 characters, no spaces or backslashes)");
        }
        return returnPath;
    }

    private static boolean tooLong(String value) {
        return value != null && value.length() > MAX_PARAMETER;
    }

    private static String printable(String text) {
        String cleaned = text.codePoints().filter(c -> c >= 0x20 && c != 0x7f)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return cleaned.length() > 200 ? cleaned.substring(0, 200) + "…" : cleaned;
    }

    private static String describe(List<RoleBinding> bindings) {
        return bindings.stream()
                .map(b -> b.role().code() + "@" + (b.isAllTenants() ? "*" : b.tenant().toString()))
                .collect(Collectors.joining(","));
    }
}
