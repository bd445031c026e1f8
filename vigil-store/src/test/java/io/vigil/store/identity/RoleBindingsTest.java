package io.vigil.store.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.store.secret.SecretBox;
import io.vigil.core.access.ActorKind;
import io.vigil.core.access.Role;
import io.vigil.core.access.RoleBinding;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.Database;
import io.vigil.store.DuplicateException;
import io.vigil.store.NotFoundException;
import io.vigil.store.TestStores;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.db.AllDatabasesTest;
import io.vigil.testkit.db.TestDatabase;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class RoleBindingsTest {

    private final FakeClock clock = FakeClock.at("2025-03-01T10:00:00Z");
    private Database database;
    private RoleBindings bindings;
    private TenantId acme;
    private TenantId globex;
    private UUID staff;
    private UUID client;
    private UUID service;

    @BeforeEach
    void open(TestDatabase fixture) {
        database = TestStores.open(fixture);
        Users users = new Users(database.dataSource(), clock, SecretBox.withRandomKey());
        bindings = new RoleBindings(database.dataSource(), clock);
        acme = TestStores.tenant(database, clock, "acme");
        globex = TestStores.tenant(database, clock, "globex");
        staff = users.create(new NewUser("alice", "Alice", ActorKind.MSSP_STAFF, null, null, false)).id();
        client = users.create(new NewUser("carol", "Carol", ActorKind.CLIENT_USER, acme, null, false)).id();
        service = users.create(new NewUser("bot", "Bot", ActorKind.SERVICE, null, null, false)).id();
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @AllDatabasesTest
    void grantsListsAndRevokes() {
        RoleBindingRow all = bindings.grant(staff, RoleBinding.allTenants(Role.ANALYST_T1), "manual", "admin");
        RoleBindingRow one = bindings.grant(staff, RoleBinding.on(Role.ANALYST_T3, acme), "manual", "admin");
        RoleBindingRow carol = bindings.grant(client, RoleBinding.on(Role.CLIENT_ADMIN, acme), "manual", "admin");

        assertThat(all.createdAt()).isEqualTo(clock.instant());
        assertThat(all.createdBy()).isEqualTo("admin");
        assertThat(bindings.list(staff)).containsExactlyInAnyOrder(all, one);
        assertThat(bindings.active(staff, clock.instant())).containsExactlyInAnyOrder(
                RoleBinding.allTenants(Role.ANALYST_T1), RoleBinding.on(Role.ANALYST_T3, acme));
        assertThat(bindings.onTenant(acme)).containsExactlyInAnyOrder(one, carol);
        assertThat(bindings.onTenant(globex)).isEmpty();

        assertThat(bindings.revoke(one.id())).isTrue();
        assertThat(bindings.revoke(one.id())).isFalse();
        assertThat(bindings.list(staff)).containsExactly(all);
    }

    @AllDatabasesTest
    void oneRolePerScopeIncludingAllTenants() {
        bindings.grant(staff, RoleBinding.allTenants(Role.ANALYST_T1), "manual", "admin");
        bindings.grant(staff, RoleBinding.on(Role.ANALYST_T1, acme), "manual", "admin");
        bindings.grant(staff, RoleBinding.on(Role.ANALYST_T1, globex), "manual", "admin");

        assertThatThrownBy(() -> bindings.grant(staff, RoleBinding.allTenants(Role.ANALYST_T1), "manual", "admin"))
                .isInstanceOf(DuplicateException.class).hasMessageContaining("all tenants");
        assertThatThrownBy(() -> bindings.grant(staff, RoleBinding.on(Role.ANALYST_T1, acme), "sso", "idp"))
                .isInstanceOf(DuplicateException.class);
    }

    @AllDatabasesTest
    void refusesRolesTheAccountMayNotHold() {
        assertThatThrownBy(() -> bindings.grant(client, RoleBinding.on(Role.ANALYST_T1, acme), "manual", "admin"))
                .hasMessageContaining("client-user account cannot hold the role analyst-t1");
        assertThatThrownBy(() -> bindings.grant(client, RoleBinding.on(Role.CLIENT_VIEWER, globex), "manual", "admin"))
                .hasMessageContaining("only on its home tenant");
        assertThatThrownBy(() -> bindings.grant(staff, RoleBinding.on(Role.CLIENT_ADMIN, acme), "manual", "admin"))
                .hasMessageContaining("mssp-staff account cannot hold the role client-admin");
        assertThatThrownBy(() -> bindings.grant(service, RoleBinding.on(Role.CLIENT_VIEWER, acme), "manual", "admin"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> bindings.grant(staff, RoleBinding.on(Role.ANALYST_T1, TenantId.random()), "manual", "admin"))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> bindings.grant(UUID.randomUUID(), RoleBinding.allTenants(Role.ANALYST_T1), "manual", "admin"))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> bindings.grant(staff, RoleBinding.allTenants(Role.ANALYST_T1), "ldap", "admin"))
                .hasMessageContaining("source");
        assertThat(bindings.list(client)).isEmpty();
    }

    @AllDatabasesTest
    void replaceSwapsOneSourceAndLeavesTheOthers() {
        RoleBindingRow manual = bindings.grant(staff, RoleBinding.allTenants(Role.ANALYST_T1), "manual", "admin");
        bindings.replace(staff, "sso", List.of(RoleBinding.on(Role.ANALYST_T2, acme), RoleBinding.allTenants(Role.ANALYST_T1)));

        assertThat(bindings.list(staff)).hasSize(2).contains(manual)
                .anySatisfy(row -> {
                    assertThat(row.source()).isEqualTo("sso");
                    assertThat(row.binding()).isEqualTo(RoleBinding.on(Role.ANALYST_T2, acme));
                });

        bindings.replace(staff, "sso", List.of(RoleBinding.on(Role.ANALYST_T3, globex)));
        assertThat(bindings.active(staff, clock.instant())).containsExactlyInAnyOrder(
                RoleBinding.allTenants(Role.ANALYST_T1), RoleBinding.on(Role.ANALYST_T3, globex));

        assertThatThrownBy(() -> bindings.replace(staff, "sso", List.of(RoleBinding.on(Role.CLIENT_ADMIN, acme))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(bindings.active(staff, clock.instant())).as("rolled back")
                .contains(RoleBinding.on(Role.ANALYST_T3, globex));

        bindings.replace(staff, "sso", List.of());
        assertThat(bindings.list(staff)).containsExactly(manual);
    }
}
