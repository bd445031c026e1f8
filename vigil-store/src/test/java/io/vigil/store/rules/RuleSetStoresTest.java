package io.vigil.store.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.tenant.TenantId;
import io.vigil.store.Database;
import io.vigil.store.DuplicateException;
import io.vigil.store.TestStores;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.db.AllDatabasesTest;
import io.vigil.testkit.db.TestDatabase;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class RuleSetStoresTest {

    private final FakeClock clock = FakeClock.at("2025-03-01T10:00:00Z");
    private Database database;
    private CustomRules rules;
    private RuleToggles toggles;
    private RuleExceptions exceptions;
    private TenantId acme;
    private TenantId globex;

    @BeforeEach
    void open(TestDatabase fixture) {
        database = TestStores.open(fixture);
        rules = new CustomRules(database.dataSource(), clock);
        toggles = new RuleToggles(database.dataSource(), clock);
        exceptions = new RuleExceptions(database.dataSource(), clock);
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
    void tenantRulesBelongToTheirTenantAndMsspRulesToNone() {
        CustomRule own = rules.add(acme, "r-1", "title: a", "alice");
        rules.addPlatform("r-1", "title: mssp", "bob");

        assertThat(rules.list(acme)).containsExactly(own);
        assertThat(rules.list(globex)).isEmpty();
        assertThat(rules.listPlatform()).singleElement().satisfies(r -> {
            assertThat(r.msspWide()).isTrue();
            assertThat(r.yaml()).isEqualTo("title: mssp");
            assertThat(r.createdBy()).isEqualTo("bob");
            assertThat(r.createdAt()).isEqualTo(clock.instant());
        });

        assertThat(rules.delete(globex, "r-1")).as("another tenant's rule").isFalse();
        assertThat(rules.delete(acme, "r-1")).isTrue();
        assertThat(rules.list(acme)).isEmpty();
        assertThat(rules.listPlatform()).hasSize(1);
        assertThat(rules.deletePlatform("r-1")).isTrue();
        assertThat(rules.listPlatform()).isEmpty();
    }

    @AllDatabasesTest
    void ruleIdsAreUniqueWithinAScopeIncludingMsspWide() {
        rules.addPlatform("r-1", "title: a", "bob");
        rules.add(acme, "r-1", "title: a", "bob");
        rules.add(globex, "r-1", "title: a", "bob");

        assertThatThrownBy(() -> rules.addPlatform("r-1", "title: b", "bob")).isInstanceOf(DuplicateException.class);
        assertThatThrownBy(() -> rules.add(acme, "r-1", "title: b", "bob")).isInstanceOf(DuplicateException.class);
    }

    @AllDatabasesTest
    void togglesArePerTenantAndUpsert() {
        assertThat(toggles.disabled(acme)).isEmpty();
        toggles.set(acme, "r-1", false);
        toggles.set(acme, "r-2", false);
        toggles.set(acme, "r-2", true);

        assertThat(toggles.disabled(acme)).containsExactly("r-1");
        assertThat(toggles.disabled(globex)).isEmpty();
    }

    @AllDatabasesTest
    void exceptionsKeepAuthorReasonAndExpiryPerTenant() {
        Instant expiry = Instant.parse("2025-04-01T00:00:00.123456789Z");
        StoredRuleException added = exceptions.add(acme, "title: f", "ci-token", "backup job", expiry);
        clock.advance(java.time.Duration.ofSeconds(1));
        exceptions.add(acme, "title: g", "ci-token", "forever", null);

        assertThat(exceptions.list(acme)).hasSize(2).first().isEqualTo(added).satisfies(e -> {
            assertThat(e.expiresAt()).isEqualTo(Instant.parse("2025-04-01T00:00:00.123456Z"));
            assertThat(e.author()).isEqualTo("ci-token");
            assertThat(e.createdAt()).isEqualTo(Instant.parse("2025-03-01T10:00:00Z"));
            assertThat(e.reason()).isEqualTo("backup job");
        });
        assertThat(exceptions.list(acme).get(1).expiresAt()).isNull();
        assertThat(exceptions.list(globex)).isEmpty();

        assertThat(exceptions.delete(globex, added.id())).as("another tenant's exception").isFalse();
        assertThat(exceptions.delete(acme, added.id())).isTrue();
        assertThat(exceptions.list(acme)).hasSize(1);
    }
}
