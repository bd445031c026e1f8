package io.vigil.core.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TenantSlugTest {

    @Test
    void acceptsDnsLabelShapedSlugs() {
        assertThat(new TenantSlug("acme-energy").value()).isEqualTo("acme-energy");
        assertThat(new TenantSlug("a").value()).isEqualTo("a");
        assertThat(new TenantSlug("x".repeat(63)).value()).hasSize(63);
    }

    @Test
    void rejectsSlugsThatCouldConfuseUrlsOrPeople() {
        for (String bad : new String[] {"", "-acme", "acme-", "ACME", "acme energy", "acme/../x", "x".repeat(64), "äcme"}) {
            assertThatThrownBy(() -> new TenantSlug(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("tenant slug");
        }
    }

    @Test
    void tenantIdParsesOnlyUuids() {
        TenantId id = TenantId.random();
        assertThat(TenantId.of(id.toString())).isEqualTo(id);
        assertThatThrownBy(() -> TenantId.of("acme")).hasMessageContaining("not a tenant id");
    }

    @Test
    void displayNamesAreTrimmedAndBounded() {
        assertThat(Tenant.requireDisplayName("  ACME  ")).isEqualTo("ACME");
        assertThatThrownBy(() -> Tenant.requireDisplayName("   ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tenant.requireDisplayName("x".repeat(201))).isInstanceOf(IllegalArgumentException.class);
    }
}
