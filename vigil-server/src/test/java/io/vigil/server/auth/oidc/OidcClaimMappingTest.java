package io.vigil.server.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.access.ActorKind;
import io.vigil.core.access.Role;
import io.vigil.core.access.RoleBinding;
import io.vigil.core.tenant.TenantId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OidcClaimMappingTest {

    private static final TenantId ACME = TenantId.of("00000000-0000-0000-0000-000000000001");
    private static final TenantId GLOBEX = TenantId.of("00000000-0000-0000-0000-000000000002");
    private static final Function<String, Optional<TenantId>> TENANTS = slug -> switch (slug) {
        case "acme" -> Optional.of(ACME);
        case "globex" -> Optional.of(GLOBEX);
        default -> Optional.empty();
    };

    private static final List<OidcSettings.GroupRole> TABLE = List.of(
            new OidcSettings.GroupRole("soc-t1", "analyst-t1", null),
            new OidcSettings.GroupRole("soc-leads", "soc-manager", "*"),
            new OidcSettings.GroupRole("acme-watch", "analyst-t3", "acme"),
            new OidcSettings.GroupRole("gone-watch", "analyst-t3", "gone"),
            new OidcSettings.GroupRole("acme-admins", "client-admin", "acme"),
            new OidcSettings.GroupRole("globex-viewers", "client-viewer", "globex"));

    private final OidcClaimMapping mapping = new OidcClaimMapping(new OidcSettings.Mapping(null, TABLE, null, null, null));

    @Test
    void mapsStaffGroupsToRolesOnAllOrNamedTenants() {
        var outcome = mapping.map(Map.of("groups", List.of("soc-t1", "acme-watch", "unrelated"), "amr", List.of("pwd", "mfa")),
                TENANTS);

        MappedAccess access = ((OidcClaimMapping.Outcome.Granted) outcome).access();
        assertThat(access.kind()).isEqualTo(ActorKind.MSSP_STAFF);
        assertThat(access.homeTenant()).isNull();
        assertThat(access.bindings()).containsExactlyInAnyOrder(RoleBinding.allTenants(Role.ANALYST_T1),
                RoleBinding.on(Role.ANALYST_T3, ACME));
    }

    @Test
    void refusesStaffWithoutMultiFactorAuthentication() {
        var outcome = mapping.map(Map.of("groups", List.of("soc-leads"), "amr", List.of("pwd")), TENANTS);

        assertThat(outcome).isInstanceOf(OidcClaimMapping.Outcome.Refused.class);
        assertThat(((OidcClaimMapping.Outcome.Refused) outcome).reason()).contains("multi-factor").contains("[pwd]");
        assertThat(mapping.map(Map.of("groups", List.of("soc-leads")), TENANTS))
                .isInstanceOf(OidcClaimMapping.Outcome.Refused.class);
    }

    @Test
    void staffMfaCanBeLeftToTheProviderWhenConfiguredSo() {
        var lenient = new OidcClaimMapping(new OidcSettings.Mapping(null, TABLE, null, false, null));

        assertThat(lenient.map(Map.of("groups", List.of("soc-leads")), TENANTS))
                .isInstanceOf(OidcClaimMapping.Outcome.Granted.class);
    }

    @Test
    void refusesAnAccountWhoseGroupsMapToNothing() {
        var outcome = mapping.map(Map.of("groups", List.of("marketing", "everyone"), "amr", List.of("mfa")), TENANTS);

        assertThat(((OidcClaimMapping.Outcome.Refused) outcome).reason()).contains("none of this account's 2 group(s)");
    }

    @Test
    void refusesATokenWithoutTheGroupsClaim() {
        var outcome = mapping.map(Map.of("sub", "x"), TENANTS);

        assertThat(((OidcClaimMapping.Outcome.Refused) outcome).reason()).contains("no 'groups' claim");
    }

    @Test
    void mapsClientGroupsToAClientUserOfTheNamedTenant() {
        var outcome = mapping.map(Map.of("groups", List.of("acme-admins")), TENANTS);

        MappedAccess access = ((OidcClaimMapping.Outcome.Granted) outcome).access();
        assertThat(access.kind()).isEqualTo(ActorKind.CLIENT_USER);
        assertThat(access.homeTenant()).isEqualTo(ACME);
        assertThat(access.bindings()).containsExactly(RoleBinding.on(Role.CLIENT_ADMIN, ACME));
    }

    @Test
    void refusesClientRolesOnSeveralTenantsWithoutATenantClaim() {
        var outcome = mapping.map(Map.of("groups", List.of("acme-admins", "globex-viewers")), TENANTS);

        assertThat(((OidcClaimMapping.Outcome.Refused) outcome).reason()).contains("several tenants");
    }

    @Test
    void refusesGroupsThatGiveBothStaffAndClientRoles() {
        var outcome = mapping.map(Map.of("groups", List.of("soc-t1", "acme-admins"), "amr", List.of("mfa")), TENANTS);

        assertThat(((OidcClaimMapping.Outcome.Refused) outcome).reason()).contains("both MSSP and client roles");
    }

    @Test
    void takesTheClientTenantFromTheTenantClaimAndIgnoresRolesOnOtherTenants() {
        var byClaim = new OidcClaimMapping(new OidcSettings.Mapping("realm_access.roles", List.of(
                new OidcSettings.GroupRole("client-analysts", "client-analyst", null),
                new OidcSettings.GroupRole("globex-viewers", "client-viewer", "globex")), "org.tenant", null, null));
        Map<String, Object> claims = Map.of("realm_access", Map.of("roles", List.of("client-analysts", "globex-viewers")),
                "org", Map.of("tenant", "acme"));

        MappedAccess access = ((OidcClaimMapping.Outcome.Granted) byClaim.map(claims, TENANTS)).access();
        assertThat(access.homeTenant()).isEqualTo(ACME);
        assertThat(access.bindings()).containsExactly(RoleBinding.on(Role.CLIENT_ANALYST, ACME));

        assertThat(((OidcClaimMapping.Outcome.Refused) byClaim.map(Map.of("realm_access",
                Map.of("roles", List.of("client-analysts"))), TENANTS)).reason()).contains("no 'org.tenant' claim");
        assertThat(((OidcClaimMapping.Outcome.Refused) byClaim.map(Map.of("realm_access",
                Map.of("roles", List.of("client-analysts")), "org", Map.of("tenant", "nowhere")), TENANTS)).reason())
                .contains("'nowhere' does not exist");
    }

    @Test
    void ignoresBindingsToTenantsThatDoNotExistAndRefusesWhenNothingIsLeft() {
        var outcome = mapping.map(Map.of("groups", List.of("gone-watch"), "amr", List.of("otp")), TENANTS);

        assertThat(((OidcClaimMapping.Outcome.Refused) outcome).reason()).contains("tenants that do not exist");
    }

    @Test
    void acceptsASingleGroupAsAPlainString() {
        var outcome = mapping.map(Map.of("groups", "soc-t1", "amr", List.of("hwk")), TENANTS);

        assertThat(outcome).isInstanceOf(OidcClaimMapping.Outcome.Granted.class);
    }

    @Test
    void rejectsMappingsThatCannotBeRight() {
        assertThatThrownBy(() -> new OidcSettings.GroupRole("g", "client-admin", "*"))
                .hasMessageContaining("cannot be bound to all tenants");
        assertThatThrownBy(() -> new OidcSettings.GroupRole("g", "wizard", null)).hasMessageContaining("no role 'wizard'");
        assertThatThrownBy(() -> new OidcSettings.Mapping(null, List.of(new OidcSettings.GroupRole("g", "client-admin", null)),
                null, null, null)).hasMessageContaining("no mapping.tenant-claim");
        assertThatThrownBy(() -> new OidcSettings.Mapping(null, List.of(), null, null, null))
                .hasMessageContaining("nobody could sign in");
    }
}
