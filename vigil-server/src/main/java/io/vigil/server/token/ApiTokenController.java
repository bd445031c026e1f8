package io.vigil.server.token;

import io.vigil.core.access.Access;
import io.vigil.core.access.ActorKind;
import io.vigil.core.access.Permission;
import io.vigil.core.tenant.Tenant;
import io.vigil.core.tenant.TenantId;
import io.vigil.server.api.Validation;
import io.vigil.server.config.ApiTokenSettings;
import io.vigil.server.security.AccessDeniedProblem;
import io.vigil.server.security.Authenticated;
import io.vigil.server.security.Requires;
import io.vigil.server.security.VigilPrincipal;
import io.vigil.server.tenant.TenantResolver;
import io.vigil.store.NotFoundException;
import io.vigil.store.apitoken.ApiToken;
import io.vigil.store.apitoken.ApiTokenId;
import io.vigil.store.apitoken.ApiTokens;
import io.vigil.store.apitoken.IssuedApiToken;
import io.vigil.store.identity.UserAccount;
import io.vigil.store.identity.Users;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * API tokens. A person issues personal tokens for themself from a browser session (a token cannot mint tokens, so a
 * leaked one cannot multiply); user administrators issue tokens to service accounts. A token may be narrowed to
 * tenants and permissions its owner holds, and always expires (at most {@code vigil.api-tokens.max-lifetime}).
 * The secret is in the answer to its creation only.
 */
@RestController
class ApiTokenController {

    static final int MAX_PERMISSIONS = Permission.values().length;

    private final ApiTokens tokens;
    private final Users users;
    private final TenantResolver tenants;
    private final ApiTokenSettings settings;
    private final Clock clock;

    ApiTokenController(ApiTokens tokens, Users users, TenantResolver tenants, ApiTokenSettings settings, Clock clock) {
        this.tokens = tokens;
        this.users = users;
        this.tenants = tenants;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * @param tenants     tenant slugs or ids the token is narrowed to; absent for all of the owner's
     * @param permissions permission codes the token is narrowed to; absent for all of the owner's
     * @param expiresAt   when it stops working; absent for {@code vigil.api-tokens.default-lifetime} from now
     */
    record CreateToken(String label, List<String> tenants, List<String> permissions, Instant expiresAt) {
    }

    record TokenView(String id, String owner, String label, List<String> tenants, List<String> permissions,
                     Instant createdAt, Instant expiresAt, Instant revokedAt) {
        static TokenView of(ApiToken token) {
            return new TokenView(token.id().toString(), token.owner().toString(), token.label(),
                    token.tenants() == null ? null : token.tenants().stream().map(TenantId::toString).toList(),
                    token.permissions() == null ? null : token.permissions().stream().map(Permission::code).toList(),
                    token.createdAt(), token.expiresAt(), token.revokedAt());
        }
    }

    record IssuedView(TokenView token, String secret) {
    }

    @Authenticated
    @GetMapping("/api/v1/auth/tokens")
    List<TokenView> mine() {
        return tokens.ownedBy(caller().actor().id()).stream().map(TokenView::of).toList();
    }

    @Authenticated
    @PostMapping("/api/v1/auth/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    IssuedView issueMine(@RequestBody CreateToken request) {
        VigilPrincipal caller = caller();
        if (caller.method() != VigilPrincipal.Method.SESSION) {
            throw new AccessDeniedProblem("personal API tokens are issued from a signed-in session, not with another token");
        }
        return issue(caller.actor().id(), request, caller.access());
    }

    @Authenticated
    @DeleteMapping("/api/v1/auth/tokens/{tokenId}")
    TokenView revokeMine(@PathVariable UUID tokenId) {
        ApiToken token = tokens.find(new ApiTokenId(tokenId)).filter(t -> t.owner().equals(caller().actor().id()))
                .orElseThrow(() -> new NotFoundException("no API token " + tokenId));
        tokens.revoke(token.id());
        return TokenView.of(tokens.find(token.id()).orElseThrow());
    }

    @Requires(Permission.USERS_MANAGE)
    @GetMapping("/api/v1/platform/users/{userId}/tokens")
    List<TokenView> ofAccount(@PathVariable UUID userId) {
        return tokens.ownedBy(account(userId).id()).stream().map(TokenView::of).toList();
    }

    @Requires(Permission.USERS_MANAGE)
    @PostMapping("/api/v1/platform/users/{userId}/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    IssuedView issueForService(@PathVariable UUID userId, @RequestBody CreateToken request) {
        UserAccount account = account(userId);
        if (account.kind() != ActorKind.SERVICE) {
            throw new IllegalArgumentException("tokens are issued to service accounts here; people issue their own");
        }
        // The administrator cannot hand out more than they hold, whatever the service account holds.
        return issue(account.id(), request, caller().access());
    }

    @Requires(Permission.USERS_MANAGE)
    @DeleteMapping("/api/v1/platform/users/{userId}/tokens/{tokenId}")
    TokenView revokeOfAccount(@PathVariable UUID userId, @PathVariable UUID tokenId) {
        ApiToken token = tokens.find(new ApiTokenId(tokenId)).filter(t -> t.owner().equals(account(userId).id()))
                .orElseThrow(() -> new NotFoundException("no API token " + tokenId));
        tokens.revoke(token.id());
        return TokenView.of(tokens.find(token.id()).orElseThrow());
    }

    private IssuedView issue(UUID owner, CreateToken request, Access grantor) {
        if (request == null) {
            throw new IllegalArgumentException("send a JSON object with at least 'label'");
        }
        Validation validation = new Validation();
        validation.require(request.label() != null && !request.label().isBlank(), "label", "required");
        Set<TenantId> scopeTenants = request.tenants() == null ? null
                : validation.field("tenants", () -> tenants(request.tenants(), grantor));
        Set<Permission> scopePermissions = request.permissions() == null ? null
                : validation.field("permissions", () -> permissions(request.permissions(), grantor));
        Instant now = clock.instant();
        Instant expiresAt = request.expiresAt() == null ? now.plus(settings.defaultLifetime()) : request.expiresAt();
        validation.require(expiresAt.isAfter(now), "expiresAt", "must be in the future");
        validation.require(!expiresAt.isAfter(now.plus(settings.maxLifetime())), "expiresAt",
                "must be within " + settings.maxLifetime().toDays() + " days");
        validation.throwIfInvalid("API token");
        if (grantor.isEmpty()) {
            throw new AccessDeniedProblem("you hold no access a token could carry");
        }
        IssuedApiToken issued = tokens.issue(owner, request.label(), scopeTenants, scopePermissions, expiresAt);
        return new IssuedView(TokenView.of(issued.token()), issued.secret());
    }

    private Set<TenantId> tenants(List<String> references, Access grantor) {
        if (references.isEmpty() || references.size() > ApiToken.MAX_TENANTS) {
            throw new IllegalArgumentException("name 1-" + ApiToken.MAX_TENANTS + " tenants, or leave it out");
        }
        Set<TenantId> ids = new LinkedHashSet<>();
        for (String reference : references) {
            Tenant tenant;
            try {
                tenant = tenants.resolve(String.valueOf(reference));
            } catch (NotFoundException e) {
                throw new IllegalArgumentException(TenantResolver.notFoundMessage(reference));
            }
            if (!grantor.sees(tenant.id())) {
                throw new IllegalArgumentException(TenantResolver.notFoundMessage(reference));
            }
            ids.add(tenant.id());
        }
        return ids;
    }

    private static Set<Permission> permissions(List<String> codes, Access grantor) {
        if (codes.isEmpty() || codes.size() > MAX_PERMISSIONS) {
            throw new IllegalArgumentException("name 1-" + MAX_PERMISSIONS + " permissions, or leave it out");
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String code : codes) {
            Permission permission = Permission.ofCode(String.valueOf(code));
            if (!grantor.holdsAnywhere(permission)) {
                throw new IllegalArgumentException("you do not hold '" + code + "'");
            }
            permissions.add(permission);
        }
        return permissions;
    }

    private UserAccount account(UUID id) {
        return users.find(id).orElseThrow(() -> new NotFoundException("no user " + id));
    }

    private static VigilPrincipal caller() {
        return VigilPrincipal.current().orElseThrow();
    }
}
