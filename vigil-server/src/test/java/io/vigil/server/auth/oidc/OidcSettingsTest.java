package io.vigil.server.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.access.Role;
import io.vigil.server.config.Settings;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class OidcSettingsTest {

    @Test
    void bindsProvidersWithTheirMappingFromProperties() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("vigil.auth.oidc.providers[0].id", "corp")
                .withProperty("vigil.auth.oidc.providers[0].display-name", "Corporate login")
                .withProperty("vigil.auth.oidc.providers[0].issuer", "https://login.example.com/realms/soc/")
                .withProperty("vigil.auth.oidc.providers[0].client-id", "vigil")
                .withProperty("vigil.auth.oidc.providers[0].client-secret", "s3cret-value")
                .withProperty("vigil.auth.oidc.providers[0].client-auth", "client_secret_post")
                .withProperty("vigil.auth.oidc.providers[0].redirect-base-url", "https://vigil.example.com")
                .withProperty("vigil.auth.oidc.providers[0].mapping.groups-claim", "realm_access.roles")
                .withProperty("vigil.auth.oidc.providers[0].mapping.groups[0].group", "soc-t1")
                .withProperty("vigil.auth.oidc.providers[0].mapping.groups[0].role", "analyst-t1")
                .withProperty("vigil.auth.oidc.providers[0].mapping.groups[1].group", "acme-admins")
                .withProperty("vigil.auth.oidc.providers[0].mapping.groups[1].role", "client-admin")
                .withProperty("vigil.auth.oidc.providers[0].mapping.groups[1].tenant", "acme")
                .withProperty("vigil.auth.oidc.login-timeout", "2m");

        OidcSettings settings = Settings.bind(environment, "vigil.auth.oidc", OidcSettings.class);

        OidcSettings.Provider corp = settings.providers().getFirst();
        assertThat(corp.issuer()).isEqualTo("https://login.example.com/realms/soc");
        assertThat(corp.scopes()).containsExactly("openid", "profile", "email");
        assertThat(corp.callbackUri()).hasToString("https://vigil.example.com/api/v1/auth/oidc/corp/callback");
        assertThat(corp.mapping().groups()).extracting(OidcSettings.GroupRole::vigilRole)
                .containsExactly(Role.ANALYST_T1, Role.CLIENT_ADMIN);
        assertThat(corp.mapping().groups().getFirst().allTenants()).isTrue();
        assertThat(corp.mapping().requireMfaForStaff()).isTrue();
        assertThat(settings.loginTimeout()).hasMinutes(2);
        assertThat(corp.toString()).doesNotContain("s3cret-value");
    }

    @Test
    void hasNoProvidersByDefault() {
        assertThat(Settings.defaults(OidcSettings.class).providers()).isEmpty();
    }

    @Test
    void rejectsPlainHttpExceptOnLoopback() {
        var mapping = new OidcSettings.Mapping(null, List.of(new OidcSettings.GroupRole("g", "analyst-t1", null)), null, null, null);

        assertThatThrownBy(() -> new OidcSettings.Provider("corp", null, "http://login.example.com", "vigil", "secret", null,
                null, "https://vigil.example.com", mapping)).hasMessageContaining("issuer must be an https URL");
        assertThat(new OidcSettings.Provider("corp", null, "http://127.0.0.1:9000", "vigil", "secret", null, null,
                "http://localhost:8080", mapping).issuer()).isEqualTo("http://127.0.0.1:9000");
        assertThatThrownBy(() -> new OidcSettings.Provider("corp", null, "https://idp", "vigil", null, null, null,
                "https://vigil", mapping)).hasMessageContaining("client-secret is required");
    }
}
