package io.vigil.server.auth.oidc;

import io.vigil.core.access.Role;
import io.vigil.core.tenant.TenantSlug;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Single sign-on with OpenID Connect providers.
 *
 * @param providers        the OpenID providers people may sign in with; none by default. Each is set as
 *                         {@code vigil.auth.oidc.providers[N].id}, {@code .display-name}, {@code .issuer},
 *                         {@code .client-id}, {@code .client-secret}, {@code .client-auth}, {@code .scopes},
 *                         {@code .redirect-base-url} and {@code .mapping.*}; docs/security.md describes them
 * @param httpTimeout      connect timeout, and wait for the answer's headers, of every call to a provider; the
 *                         whole answer must arrive within twice this
 * @param maxResponseBytes largest answer read from a provider (discovery document, keys, tokens)
 * @param loginTimeout     how long a started login may take until its callback; later callbacks are refused
 * @param maxPendingLogins started logins kept at once (in memory, on this node); more are refused until some
 *                         finish or expire
 * @param clockSkew        clock difference tolerated when checking an ID token's issue and expiry times
 * @param discoveryRefresh how long a provider's discovery document is used before it is fetched again
 */
public record OidcSettings(List<Provider> providers, Duration httpTimeout, Integer maxResponseBytes,
                           Duration loginTimeout, Integer maxPendingLogins, Duration clockSkew,
                           Duration discoveryRefresh) {

    public OidcSettings {
        providers = providers == null ? List.of() : List.copyOf(providers);
        httpTimeout = httpTimeout == null ? Duration.ofSeconds(10) : httpTimeout;
        maxResponseBytes = maxResponseBytes == null ? 256 * 1024 : maxResponseBytes;
        loginTimeout = loginTimeout == null ? Duration.ofMinutes(5) : loginTimeout;
        maxPendingLogins = maxPendingLogins == null ? 10_000 : maxPendingLogins;
        clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
        discoveryRefresh = discoveryRefresh == null ? Duration.ofHours(1) : discoveryRefresh;
        requireBetween("http-timeout", httpTimeout, Duration.ofMillis(100), Duration.ofMinutes(2));
        requireBetween("login-timeout", loginTimeout, Duration.ofSeconds(30), Duration.ofMinutes(30));
        requireBetween("clock-skew", clockSkew, Duration.ZERO, Duration.ofMinutes(10));
        requireBetween("discovery-refresh", discoveryRefresh, Duration.ofMinutes(1), Duration.ofDays(7));
        if (maxResponseBytes < 4096 || maxResponseBytes > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("vigil.auth.oidc.max-response-bytes must be 4096-16777216, was " + maxResponseBytes);
        }
        if (maxPendingLogins < 1 || maxPendingLogins > 1_000_000) {
            throw new IllegalArgumentException("vigil.auth.oidc.max-pending-logins must be 1-1000000, was " + maxPendingLogins);
        }
        Set<String> ids = new HashSet<>();
        for (Provider provider : providers) {
            Objects.requireNonNull(provider, "vigil.auth.oidc.providers has an empty entry");
            if (!ids.add(provider.id())) {
                throw new IllegalArgumentException("vigil.auth.oidc.providers: id '" + provider.id() + "' is used twice");
            }
        }
    }

    private static void requireBetween(String key, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException("vigil.auth.oidc." + key + " must be between " + min + " and " + max
                    + ", was " + value);
        }
    }

    /**
     * One OpenID provider, registered there as a confidential client.
     *
     * @param id              short name in URLs: {@code /api/v1/auth/oidc/<id>/login}
     * @param displayName     what a login page shows
     * @param issuer          the provider's issuer URL; its {@code /.well-known/openid-configuration} is read
     * @param clientId        the client id Vigil is registered with
     * @param clientSecret    the client secret; never logged
     * @param clientAuth      {@code client_secret_basic} (default) or {@code client_secret_post}
     * @param scopes          scopes asked for; {@code openid} is always added
     * @param redirectBaseUrl Vigil's external base URL; the callback registered at the provider is this plus
     *                        {@code /api/v1/auth/oidc/<id>/callback}
     * @param mapping         how the ID token's claims become Vigil roles
     */
    public record Provider(String id, String displayName, String issuer, String clientId, String clientSecret,
                           String clientAuth, List<String> scopes, String redirectBaseUrl, Mapping mapping) {

        private static final Pattern ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?");

        public Provider {
            String where = "vigil.auth.oidc.providers[" + (id == null ? "?" : id) + "]";
            if (id == null || !ID.matcher(id).matches()) {
                throw new IllegalArgumentException(where + ".id must be 1-32 characters of a-z, 0-9 and '-', was '" + id + "'");
            }
            displayName = displayName == null || displayName.isBlank() ? id : displayName.strip();
            issuer = requireUrl(where + ".issuer", issuer);
            if (clientId == null || clientId.isBlank()) {
                throw new IllegalArgumentException(where + ".client-id is required");
            }
            if (clientSecret == null || clientSecret.isBlank()) {
                throw new IllegalArgumentException(where + ".client-secret is required (Vigil is a confidential client)");
            }
            clientAuth = clientAuth == null || clientAuth.isBlank() ? "client_secret_basic" : clientAuth.strip().toLowerCase(Locale.ROOT);
            if (!clientAuth.equals("client_secret_basic") && !clientAuth.equals("client_secret_post")) {
                throw new IllegalArgumentException(where + ".client-auth must be client_secret_basic or client_secret_post, was '"
                        + clientAuth + "'");
            }
            List<String> asked = new ArrayList<>(List.of("openid"));
            for (String scope : scopes == null ? List.of("profile", "email") : scopes) {
                if (scope != null && !scope.isBlank() && !asked.contains(scope.strip())) {
                    asked.add(scope.strip());
                }
            }
            scopes = List.copyOf(asked);
            redirectBaseUrl = requireUrl(where + ".redirect-base-url", redirectBaseUrl);
            if (mapping == null) {
                throw new IllegalArgumentException(where + ".mapping is required: without it nobody could sign in");
            }
        }

        /** The redirect URI to register at the provider. */
        public URI callbackUri() {
            return URI.create(redirectBaseUrl + "/api/v1/auth/oidc/" + id + "/callback");
        }

        private static String requireUrl(String key, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(key + " is required");
            }
            String url = value.strip();
            while (url.endsWith("/")) {
                url = url.substring(0, url.length() - 1);
            }
            URI uri;
            try {
                uri = new URI(url);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException(key + " is not a URL: '" + value + "'");
            }
            boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost()) || "[::1]".equals(uri.getHost());
            if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()) && loopback)
                    || uri.getQuery() != null || uri.getFragment() != null) {
                throw new IllegalArgumentException(key + " must be an https URL without query (http only on localhost), was '"
                        + value + "'");
            }
            return url;
        }

        @Override
        public String toString() {
            return "Provider[id=" + id + ", issuer=" + issuer + ", clientId=" + clientId + ", clientSecret=***]";
        }
    }

    /**
     * How an ID token's claims become an actor kind, a home tenant and role bindings.
     *
     * @param groupsClaim        claim holding the groups or roles, a dotted path for nested claims
     *                           ({@code realm_access.roles}); default {@code groups}
     * @param groups             which group gives which Vigil role on which tenant; a login without any of
     *                           these groups is refused
     * @param tenantClaim        claim holding a client user's tenant slug (dotted path); without it, client roles
     *                           must name their tenant
     * @param requireMfaForStaff refuse MSSP staff whose ID token's {@code amr} names no multi-factor method
     *                           (default true)
     * @param mfaMethods         {@code amr} values that count as multi-factor; default mfa, otp, hwk
     */
    public record Mapping(String groupsClaim, List<GroupRole> groups, String tenantClaim, Boolean requireMfaForStaff,
                          List<String> mfaMethods) {

        public Mapping {
            groupsClaim = groupsClaim == null || groupsClaim.isBlank() ? "groups" : groupsClaim.strip();
            tenantClaim = tenantClaim == null || tenantClaim.isBlank() ? null : tenantClaim.strip();
            requireMfaForStaff = requireMfaForStaff == null ? Boolean.TRUE : requireMfaForStaff;
            mfaMethods = mfaMethods == null || mfaMethods.isEmpty() ? List.of("mfa", "otp", "hwk") : List.copyOf(mfaMethods);
            if (groups == null || groups.isEmpty()) {
                throw new IllegalArgumentException("mapping.groups is required: without it nobody could sign in");
            }
            groups = List.copyOf(groups);
            for (GroupRole entry : groups) {
                if (entry.vigilRole().audience() == Role.Audience.CLIENT && entry.tenant() == null && tenantClaim == null) {
                    throw new IllegalArgumentException("mapping.groups: group '" + entry.group() + "' gives client role "
                            + entry.role() + " but names no tenant and no mapping.tenant-claim is set");
                }
            }
        }
    }

    /**
     * One row of the mapping table.
     *
     * @param group  the group (or role) value in the token
     * @param role   the Vigil role code, e.g. {@code analyst-t1}, {@code client-admin}
     * @param tenant {@code *} for all tenants (MSSP roles only; their default), a tenant slug, or empty for a client
     *               role on the client user's own tenant (from the tenant claim)
     */
    public record GroupRole(String group, String role, String tenant) {

        public GroupRole {
            if (group == null || group.isBlank()) {
                throw new IllegalArgumentException("mapping.groups: an entry has no group");
            }
            if (role == null || role.isBlank()) {
                throw new IllegalArgumentException("mapping.groups: group '" + group + "' has no role");
            }
            role = role.strip();
            Role vigilRole;
            try {
                vigilRole = Role.ofCode(role);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mapping.groups: group '" + group + "': " + e.getMessage(), e);
            }
            tenant = tenant == null || tenant.isBlank() ? null : tenant.strip();
            if (vigilRole.audience() == Role.Audience.MSSP && tenant == null) {
                tenant = "*";
            }
            if ("*".equals(tenant) && vigilRole.audience() == Role.Audience.CLIENT) {
                throw new IllegalArgumentException("mapping.groups: client role " + role + " (group '" + group
                        + "') cannot be bound to all tenants");
            }
            if (tenant != null && !tenant.equals("*")) {
                new TenantSlug(tenant);
            }
        }

        /** The Vigil role this group gives. */
        public Role vigilRole() {
            return Role.ofCode(role);
        }

        /** Whether the role applies to every tenant. */
        public boolean allTenants() {
            return "*".equals(tenant);
        }
    }
}
