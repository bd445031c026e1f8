package io.vigil.store.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.tenant.TenantId;
import io.vigil.store.Database;
import io.vigil.store.DuplicateException;
import io.vigil.store.TestStores;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.db.AllDatabasesTest;
import io.vigil.testkit.db.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class CollectorStoresTest {

    private final FakeClock clock = FakeClock.at("2026-11-03T09:00:00Z");
    private Database database;
    private MqttCollectors mqtt;
    private RateLimits limits;
    private TenantId acme;
    private TenantId globex;

    @BeforeEach
    void open(TestDatabase fixture) {
        database = TestStores.open(fixture);
        mqtt = new MqttCollectors(database.dataSource(), clock);
        limits = new RateLimits(database.dataSource(), clock);
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
    void mqttMappingsAreKeptPerTenantAndAFilterBelongsToOneTenant() {
        MqttCollector climate = mqtt.add(acme, "acme/+/climate", "climate", "json", "ops");
        mqtt.add(globex, "globex/#", "access-control", "json", "ops");
        assertThat(mqtt.list(acme)).singleElement().isEqualTo(climate);
        assertThat(mqtt.all()).extracting(MqttCollector::topicFilter).containsExactly("acme/+/climate", "globex/#");
        assertThatThrownBy(() -> mqtt.add(globex, "acme/+/climate", "climate", "json", "ops"))
                .isInstanceOf(DuplicateException.class);
        assertThat(mqtt.find(globex, climate.id())).isEmpty();
        assertThat(mqtt.delete(globex, climate.id())).isFalse();
        assertThat(mqtt.delete(acme, climate.id())).isTrue();
        assertThat(mqtt.list(acme)).isEmpty();
    }

    @AllDatabasesTest
    void rateLimitsAreSetReplacedAndRemovedPerTenant() {
        limits.set(acme, 100.5, 1000, "ops");
        limits.set(acme, 200, 2000, "ops");
        assertThat(limits.find(acme)).get().satisfies(limit -> {
            assertThat(limit.eventsPerSecond()).isEqualTo(200.0);
            assertThat(limit.burst()).isEqualTo(2000);
        });
        assertThat(limits.find(globex)).isEmpty();
        assertThat(limits.all()).hasSize(1);
        assertThat(limits.delete(acme)).isTrue();
        assertThat(limits.find(acme)).isEmpty();
    }
}
