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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class PlaceholderValuesTest {

    private final FakeClock clock = FakeClock.at("2025-03-01T10:00:00Z");
    private Database database;
    private PlaceholderValues placeholders;
    private CustomRules rules;
    private TenantId acme;
    private TenantId globex;

    @BeforeEach
    void open(TestDatabase fixture) {
        database = TestStores.open(fixture);
        placeholders = new PlaceholderValues(database.dataSource(), clock);
        rules = new CustomRules(database.dataSource(), clock);
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
    void tenantValuesOverridePlatformDefaultsAndStayWithTheirTenant() {
        placeholders.setPlatform("Admins", List.of("root"), "mssp-admin");
        placeholders.setPlatform("Workstations", List.of("WS-*"), "mssp-admin");
        placeholders.set(acme, "Admins", List.of("alice", "bob*", "with space"), "acme-admin");

        assertThat(placeholders.list(acme)).isEqualTo(Map.of("Admins", List.of("alice", "bob*", "with space")));
        assertThat(placeholders.list(globex)).isEmpty();
        assertThat(placeholders.effective(acme))
                .isEqualTo(Map.of("Admins", List.of("alice", "bob*", "with space"), "Workstations", List.of("WS-*")));
        assertThat(placeholders.effective(globex))
                .isEqualTo(Map.of("Admins", List.of("root"), "Workstations", List.of("WS-*")));
    }

    @AllDatabasesTest
    void setReplacesAndDeleteRemovesOnlyInItsScope() {
        placeholders.set(acme, "Admins", List.of("alice"), "a");
        placeholders.set(acme, "Admins", List.of("carol", ""), "a");
        placeholders.setPlatform("Admins", List.of("root"), "m");

        assertThat(placeholders.list(acme)).isEqualTo(Map.of("Admins", List.of("carol", "")));
        assertThat(placeholders.delete(globex, "Admins")).as("another tenant's values").isFalse();
        assertThat(placeholders.delete(acme, "Admins")).isTrue();
        assertThat(placeholders.effective(acme)).as("the default again").isEqualTo(Map.of("Admins", List.of("root")));
        assertThat(placeholders.deletePlatform("Admins")).isTrue();
        assertThat(placeholders.deletePlatform("Admins")).isFalse();
        assertThat(placeholders.effective(acme)).isEmpty();
    }

    @AllDatabasesTest
    void refusesValuesThatCannotBeStoredOnePerLine() {
        assertThatThrownBy(() -> placeholders.set(acme, "X", List.of("a\nb"), "a"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> placeholders.set(acme, "X", List.of(), "a")).isInstanceOf(IllegalArgumentException.class);
        assertThat(placeholders.list(acme)).isEmpty();
    }

    @AllDatabasesTest
    void severalRuleDocumentsAreAddedAllOrNone() {
        rules.add(acme, "corr-1", "title: existing", "a");
        SequencedMap<String, String> documents = new LinkedHashMap<>();
        documents.put("base-1", "title: base");
        documents.put("corr-1", "title: clash");

        assertThatThrownBy(() -> rules.addAll(acme, documents, "a")).isInstanceOf(DuplicateException.class);
        assertThat(rules.list(acme)).extracting(CustomRule::ruleId).containsExactly("corr-1");

        documents.remove("corr-1");
        documents.put("corr-2", "title: correlation");
        assertThat(rules.addAll(acme, documents, "a")).extracting(CustomRule::ruleId).containsExactly("base-1", "corr-2");
        assertThat(rules.addAllPlatform(documents, "m")).hasSize(2);
        assertThat(rules.list(acme)).hasSize(3);
        assertThat(rules.listPlatform()).hasSize(2);
    }
}
