package io.vigil.server.auth.oidc;

import io.vigil.core.access.ActorKind;
import io.vigil.core.access.Role;
import io.vigil.core.access.RoleBinding;
import io.vigil.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns an ID token's claims into an actor kind, a home tenant and role bindings, following one provider's
 * {@link OidcSettings.Mapping}. A pure function of the claims and the tenant directory it is given.
 *
 * <p>Rules, in order: the groups claim must exist and at least one group must be in the table (no account without
 * rights); groups may give MSSP roles or client roles but not both; a client user's tenant comes from the tenant
 * claim, or else from the tenants the client roles name, which must then all be the same; a client role naming
 * another tenant than the user's own is ignored; MSSP staff must have signed in with a multi-factor method (the
 * {@code amr} claim) unless the mapping says otherwise, because Vigil cannot ask a federated user for its own second
 * factor; bindings to tenants that do not exist are ignored.
 */
public final class OidcClaimMapping {

    /** What a login maps to. */
    public sealed interface Outcome {
        /** The login may go on with this access. */
        record Granted(MappedAccess access) implements Outcome {
        }

        /** The login is refused, for a reason the person may read. */
        record Refused(String reason) implements Outcome {
        }
    }

    private static final int MAX_GROUPS = 1000;

    private final OidcSettings.Mapping rules;

    public OidcClaimMapping(OidcSettings.Mapping rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /**
     * @param claims       the verified ID token's claims
     * @param tenantBySlug finds a tenant's id from its slug
     */
    public Outcome map(Map<String, Object> claims, Function<String, Optional<TenantId>> tenantBySlug) {
        Object groupsValue = at(claims, rules.groupsClaim());
        if (groupsValue == null) {
            return new Outcome.Refused("the identity provider sent no '" + rules.groupsClaim()
                    + "' claim, so no Vigil role can be given");
        }
        Set<String> groups = strings(groupsValue);
        if (groups.size() > MAX_GROUPS) {
            return new Outcome.Refused("the '" + rules.groupsClaim() + "' claim holds more than " + MAX_GROUPS + " values");
        }
        List<OidcSettings.GroupRole> matched = rules.groups().stream().filter(g -> groups.contains(g.group())).toList();
        if (matched.isEmpty()) {
            return new Outcome.Refused("none of this account's " + groups.size() + " group(s) in '" + rules.groupsClaim()
                    + "' is mapped to a Vigil role");
        }
        boolean client = matched.stream().anyMatch(g -> g.vigilRole().audience() == Role.Audience.CLIENT);
        boolean staff = matched.stream().anyMatch(g -> g.vigilRole().audience() == Role.Audience.MSSP);
        if (client && staff) {
            return new Outcome.Refused("this account's groups give both MSSP and client roles; an account is MSSP staff "
                    + "or a client user, never both");
        }
        return staff ? staff(claims, matched, tenantBySlug) : client(claims, matched, tenantBySlug);
    }

    /** Whether the provider reported one of the mapping's multi-factor methods in {@code amr}. */
    private boolean mfa(Map<String, Object> claims) {
        Set<String> amr = strings(claims.get("amr"));
        return rules.mfaMethods().stream().anyMatch(amr::contains);
    }

    private Outcome staff(Map<String, Object> claims, List<OidcSettings.GroupRole> matched,
                          Function<String, Optional<TenantId>> tenantBySlug) {
        if (rules.requireMfaForStaff()) {
            Set<String> amr = strings(claims.get("amr"));
            if (!mfa(claims)) {
                return new Outcome.Refused("MSSP staff must sign in with multi-factor authentication: the identity "
                        + "provider reported " + (amr.isEmpty() ? "no authentication methods" : "only " + amr)
                        + " in 'amr', none of " + rules.mfaMethods());
            }
        }
        Set<RoleBinding> bindings = new LinkedHashSet<>();
        for (OidcSettings.GroupRole entry : matched) {
            if (entry.allTenants()) {
                bindings.add(RoleBinding.allTenants(entry.vigilRole()));
            } else {
                lookUp(tenantBySlug, entry.tenant()).ifPresent(t -> bindings.add(RoleBinding.on(entry.vigilRole(), t)));
            }
        }
        if (bindings.isEmpty()) {
            return new Outcome.Refused("this account's groups map only to tenants that do not exist");
        }
        return new Outcome.Granted(new MappedAccess(ActorKind.MSSP_STAFF, null, List.copyOf(bindings), mfa(claims)));
    }

    private Outcome client(Map<String, Object> claims, List<OidcSettings.GroupRole> matched,
                           Function<String, Optional<TenantId>> tenantBySlug) {
        String homeSlug;
        if (rules.tenantClaim() != null) {
            Object value = at(claims, rules.tenantClaim());
            if (!(value instanceof String s) || s.isBlank()) {
                return new Outcome.Refused("a client user needs a tenant, but the identity provider sent no '"
                        + rules.tenantClaim() + "' claim");
            }
            homeSlug = s.strip();
        } else {
            Set<String> named = new LinkedHashSet<>();
            matched.forEach(g -> named.add(g.tenant()));
            if (named.size() != 1) {
                return new Outcome.Refused("this account's groups give client roles on several tenants " + named
                        + "; a client user belongs to one tenant");
            }
            homeSlug = named.iterator().next();
        }
        Optional<TenantId> home = lookUp(tenantBySlug, homeSlug);
        if (home.isEmpty()) {
            return new Outcome.Refused("this account's tenant '" + homeSlug + "' does not exist in Vigil");
        }
        Set<RoleBinding> bindings = new LinkedHashSet<>();
        for (OidcSettings.GroupRole entry : matched) {
            if (entry.tenant() == null || entry.tenant().equals(homeSlug)) {
                bindings.add(RoleBinding.on(entry.vigilRole(), home.get()));
            }
        }
        if (bindings.isEmpty()) {
            return new Outcome.Refused("this account's groups give client roles only on other tenants than its own ('"
                    + homeSlug + "')");
        }
        return new Outcome.Granted(new MappedAccess(ActorKind.CLIENT_USER, home.get(), List.copyOf(bindings), mfa(claims)));
    }

    private static Optional<TenantId> lookUp(Function<String, Optional<TenantId>> tenantBySlug, String slug) {
        try {
            return tenantBySlug.apply(slug);
        } catch (IllegalArgumentException notASlug) {
            return Optional.empty();
        }
    }

    /** The value at a dotted path ({@code realm_access.roles}); a claim whose own name has dots wins. */
    static Object at(Map<String, Object> claims, String path) {
        if (claims.containsKey(path)) {
            return claims.get(path);
        }
        Object current = claims;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static Set<String> strings(Object value) {
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof String s) {
            out.add(s);
        } else if (value instanceof Collection<?> values) {
            List<Object> items = new ArrayList<>(values);
            for (Object item : items) {
                if (item instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
