package io.vigil.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessTest {

    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private final TenantId acme = TenantId.random();
    private final TenantId globex = TenantId.random();

    @Test
    void aTenantBindingGrantsItsRolesTenantPermissionsOnThatTenantOnly() {
        Access access = Access.of(List.of(RoleBinding.on(Role.ANALYST_T3, acme)), NOW);

        assertThat(access.can(Permission.RULES_MANAGE, acme)).isTrue();
        assertThat(access.can(Permission.RULES_MANAGE, globex)).isFalse();
        assertThat(access.sees(acme)).isTrue();
        assertThat(access.sees(globex)).isFalse();
        assertThat(access.can(Permission.ACCESS_APPROVE, acme)).isFalse();
    }

    @Test
    void platformPermissionsComeOnlyFromBindingsToAllTenants() {
        Access onOne = Access.of(List.of(RoleBinding.on(Role.DETECTION_ENGINEER, acme)), NOW);
        Access onAll = Access.of(List.of(RoleBinding.allTenants(Role.DETECTION_ENGINEER)), NOW);

        assertThat(onOne.can(Permission.PLATFORM_RULES_MANAGE)).isFalse();
        assertThat(onAll.can(Permission.PLATFORM_RULES_MANAGE)).isTrue();
        assertThat(onAll.sees(globex)).isTrue();
        assertThat(onAll.can(Permission.RULES_MANAGE, globex)).isTrue();
    }

    @Test
    void expiredBindingsCountForNothing() {
        RoleBinding grant = new RoleBinding(Role.ANALYST_T3, acme, NOW.plus(Duration.ofHours(1)));

        assertThat(Access.of(List.of(grant), NOW).can(Permission.RULES_MANAGE, acme)).isTrue();
        assertThat(Access.of(List.of(grant), NOW.plus(Duration.ofHours(1))).sees(acme)).isFalse();
    }

    @Test
    void aTokenScopeOnlyNarrows() {
        Access admin = Access.of(List.of(RoleBinding.allTenants(Role.PLATFORM_ADMIN)), NOW);

        Access narrowed = admin.restrictTo(Set.of(acme), EnumSet.of(Permission.EVENTS_READ, Permission.TENANTS_MANAGE));

        assertThat(narrowed.can(Permission.EVENTS_READ, acme)).isTrue();
        assertThat(narrowed.can(Permission.DETECTIONS_READ, acme)).isFalse();
        assertThat(narrowed.sees(globex)).isFalse();
        assertThat(narrowed.can(Permission.TENANTS_MANAGE)).as("tenant-narrowed tokens carry no platform power").isFalse();

        Access client = Access.of(List.of(RoleBinding.on(Role.CLIENT_VIEWER, acme)), NOW);
        Access widened = client.restrictTo(Set.of(acme, globex), null);
        assertThat(widened.sees(globex)).as("a scope cannot add a tenant").isFalse();
        assertThat(widened.can(Permission.EVENTS_READ, acme)).as("nor a permission").isFalse();
    }

    @Test
    void holdsAnywhereLooksAcrossTenants() {
        Access access = Access.of(List.of(RoleBinding.on(Role.CLIENT_ADMIN, acme)), NOW);

        assertThat(access.holdsAnywhere(Permission.TENANT_USERS_MANAGE)).isTrue();
        assertThat(access.holdsAnywhere(Permission.RULES_MANAGE)).isFalse();
        assertThat(access.holdsAnywhere(Permission.USERS_MANAGE)).isFalse();
    }

    @Test
    void clientRolesAreBoundToOneTenantAndHoldNoPlatformPermission() {
        assertThatThrownBy(() -> RoleBinding.allTenants(Role.CLIENT_ADMIN)).hasMessageContaining("one tenant");
        for (Role role : Role.values()) {
            if (role.audience() == Role.Audience.CLIENT) {
                assertThat(role.permissions()).noneMatch(Permission::isPlatform);
                assertThat(ActorKind.CLIENT_USER.mayHold(role)).isTrue();
                assertThat(ActorKind.MSSP_STAFF.mayHold(role)).isFalse();
            }
        }
        assertThat(Role.PLATFORM_ADMIN.permissions()).containsExactlyInAnyOrder(Permission.values());
    }

    @Test
    void permissionLevelsAreChecked() {
        Access access = Access.none();
        assertThatThrownBy(() -> access.can(Permission.EVENTS_READ)).hasMessageContaining("tenant permission");
        assertThatThrownBy(() -> access.can(Permission.OPERATE, acme)).hasMessageContaining("platform permission");
        assertThat(Role.ofCode("analyst-t1")).isEqualTo(Role.ANALYST_T1);
        assertThatThrownBy(() -> Role.ofCode("root")).hasMessage("no role 'root'");
    }
}
