package io.vigil.store.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.tenant.TenantId;
import io.vigil.store.Database;
import io.vigil.store.TestStores;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.db.AllDatabasesTest;
import io.vigil.testkit.db.TestDatabase;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class RetentionPoliciesTest {

    private final FakeClock clock = FakeClock.at("2025-03-01T10:00:00Z");
    private Database database;
    private RetentionPolicies policies;
    private TenantId acme;
    private TenantId globex;

    @BeforeEach
    void open(TestDatabase fixture) {
        database = TestStores.open(fixture);
        policies = new RetentionPolicies(database.dataSource(), clock);
        acme = TestStores.tenant(database, clock, "acme");
        globex = TestStores.tenant(database, clock, "globex");
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @AllDatabasesTest
    void setReplacesAndClearRestoresTheDefaultPerTenant() {
        assertThat(policies.find(acme)).isEmpty();
        policies.set(acme, 30, "admin");
        policies.set(acme, 400, "admin2");
        assertThat(policies.find(acme)).hasValueSatisfying(r -> {
            assertThat(r.days()).isEqualTo(400);
            assertThat(r.changedBy()).isEqualTo("admin2");
            assertThat(r.changedAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
        });
        assertThat(policies.find(globex)).isEmpty();
        assertThat(policies.clear(acme)).isTrue();
        assertThat(policies.clear(acme)).isFalse();
        assertThat(policies.find(acme)).isEmpty();
    }

    @AllDatabasesTest
    void refusesDaysOutOfBounds() {
        assertThatThrownBy(() -> policies.set(acme, 0, "admin")).hasMessageContaining("1-36500");
        assertThatThrownBy(() -> policies.set(acme, 36_501, "admin")).hasMessageContaining("1-36500");
    }
}
