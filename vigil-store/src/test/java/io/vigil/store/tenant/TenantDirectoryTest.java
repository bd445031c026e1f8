package io.vigil.store.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.error.PermanentException;
import io.vigil.core.tenant.Tenant;
import io.vigil.core.tenant.TenantId;
import io.vigil.core.tenant.TenantSlug;
import io.vigil.core.tenant.TenantStatus;
import io.vigil.store.Database;
import io.vigil.store.DuplicateException;
import io.vigil.store.NotFoundException;
import io.vigil.store.TestStores;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.db.AllDatabasesTest;
import io.vigil.testkit.db.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class TenantDirectoryTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final FakeClock clock = FakeClock.at("2025-03-01T10:00:00.123456789Z");
    private Database database;
    private TenantDirectory tenants;

    @BeforeEach
    void open(TestDatabase fixture) {
        database = TestStores.open(fixture);
        tenants = new TenantDirectory(database.dataSource(), clock);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @AllDatabasesTest
    void createsAnActiveTenantStampedByTheClock() {
        Tenant tenant = tenants.create(new TenantSlug("acme-energy"), "  ACME Energy  ", BERLIN);

        Instant now = Instant.parse("2025-03-01T10:00:00.123456Z");
        assertThat(tenant.slug()).isEqualTo(new TenantSlug("acme-energy"));
        assertThat(tenant.displayName()).isEqualTo("ACME Energy");
        assertThat(tenant.timezone()).isEqualTo(BERLIN);
        assertThat(tenant.status()).isEqualTo(TenantStatus.ACTIVE);
        assertThat(tenant.createdAt()).isEqualTo(now);
        assertThat(tenant.updatedAt()).isEqualTo(now);
        assertThat(tenants.find(tenant.id())).contains(tenant);
    }

    @AllDatabasesTest
    void findsATenantByIdAndBySlug() {
        Tenant acme = tenants.create(new TenantSlug("acme"), "ACME", BERLIN);
        tenants.create(new TenantSlug("globex"), "Globex", ZoneId.of("UTC"));

        assertThat(tenants.find(acme.id())).contains(acme);
        assertThat(tenants.find(new TenantSlug("acme"))).contains(acme);
        assertThat(tenants.find(TenantId.random())).isEmpty();
        assertThat(tenants.find(new TenantSlug("initech"))).isEmpty();
    }

    @AllDatabasesTest
    void rejectsADuplicateSlugNamingIt() {
        tenants.create(new TenantSlug("acme"), "ACME", BERLIN);

        assertThatThrownBy(() -> tenants.create(new TenantSlug("acme"), "Another ACME", BERLIN))
                .isInstanceOf(DuplicateException.class)
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("'acme'");
        assertThat(tenants.list()).extracting(Tenant::displayName).containsExactly("ACME");
    }

    @AllDatabasesTest
    void listsAllTenantsBySlugInAnyStatus() {
        Tenant globex = tenants.create(new TenantSlug("globex"), "Globex", BERLIN);
        tenants.create(new TenantSlug("acme"), "ACME", BERLIN);
        tenants.changeStatus(globex.id(), TenantStatus.OFFBOARDED);

        assertThat(tenants.list()).extracting(tenant -> tenant.slug().value()).containsExactly("acme", "globex");
    }

    @AllDatabasesTest
    void updatesOnlyTheGivenValues() {
        Tenant created = tenants.create(new TenantSlug("acme"), "ACME", BERLIN);
        clock.advance(Duration.ofMinutes(5));

        Tenant renamed = tenants.update(created.id(), "ACME Energy AG", null);
        Tenant moved = tenants.update(created.id(), null, ZoneId.of("America/New_York"));

        assertThat(renamed.displayName()).isEqualTo("ACME Energy AG");
        assertThat(renamed.timezone()).isEqualTo(BERLIN);
        assertThat(renamed.updatedAt()).isEqualTo(Instant.parse("2025-03-01T10:05:00.123456Z"));
        assertThat(moved.displayName()).isEqualTo("ACME Energy AG");
        assertThat(moved.timezone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(moved.createdAt()).isEqualTo(created.createdAt());
        assertThat(tenants.find(created.id())).contains(moved);
    }

    @AllDatabasesTest
    void changesTheStatus() {
        Tenant created = tenants.create(new TenantSlug("acme"), "ACME", BERLIN);
        clock.advance(Duration.ofDays(1));

        Tenant suspended = tenants.changeStatus(created.id(), TenantStatus.SUSPENDED);

        assertThat(suspended.status()).isEqualTo(TenantStatus.SUSPENDED);
        assertThat(suspended.updatedAt()).isAfter(created.updatedAt());
        assertThat(tenants.find(created.id())).contains(suspended);
    }

    @AllDatabasesTest
    void changingAnUnknownTenantIsNotFound() {
        TenantId unknown = TenantId.random();

        assertThatThrownBy(() -> tenants.update(unknown, "x", null))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(unknown.toString());
        assertThatThrownBy(() -> tenants.changeStatus(unknown, TenantStatus.SUSPENDED))
                .isInstanceOf(NotFoundException.class);
    }

    @AllDatabasesTest
    void rejectsAnInvalidDisplayNameWithoutStoringAnything() {
        Tenant created = tenants.create(new TenantSlug("acme"), "ACME", BERLIN);

        assertThatThrownBy(() -> tenants.create(new TenantSlug("globex"), " ", BERLIN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tenants.update(created.id(), "x".repeat(Tenant.MAX_DISPLAY_NAME + 1), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(tenants.list()).containsExactly(created);
    }
}
