package io.vigil.store.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.tenant.TenantId;
import io.vigil.store.Database;
import io.vigil.store.DuplicateException;
import io.vigil.store.NotFoundException;
import io.vigil.store.TestStores;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.db.AllDatabasesTest;
import io.vigil.testkit.db.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class CollectionStoreTest {

    private final FakeClock clock = FakeClock.at("2026-11-01T10:00:00Z");
    private Database database;
    private CollectorCertificates certificates;
    private SourceNetworks networks;
    private TenantId acme;
    private TenantId globex;

    @BeforeEach
    void open(TestDatabase fixture) {
        database = TestStores.open(fixture);
        certificates = new CollectorCertificates(database.dataSource(), clock);
        networks = new SourceNetworks(database.dataSource(), clock);
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
    void recordedCertificateIsFoundBySerialUntilRevokedAndOnlyByItsTenant() {
        Instant until = clock.instant().plus(Duration.ofDays(30));
        certificates.record(acme, "4f2a", "fw-hq", "ab".repeat(32), clock.instant(), until);

        assertThat(certificates.bySerial("4f2a")).hasValueSatisfying(c -> {
            assertThat(c.tenant()).isEqualTo(acme);
            assertThat(c.collector()).isEqualTo("fw-hq");
            assertThat(c.notAfter()).isEqualTo(until);
            assertThat(c.revoked()).isFalse();
        });
        assertThat(certificates.find(globex, "4f2a")).isEmpty();
        assertThat(certificates.revoke(globex, "4f2a")).isFalse();
        assertThat(certificates.bySerial("4f2a").orElseThrow().revoked()).isFalse();

        clock.advance(Duration.ofMinutes(1));
        assertThat(certificates.revoke(acme, "4f2a")).isTrue();
        assertThat(certificates.bySerial("4f2a").orElseThrow().revokedAt()).isEqualTo(clock.instant());
        assertThat(certificates.list(acme)).hasSize(1);
        assertThat(certificates.list(globex)).isEmpty();
    }

    @AllDatabasesTest
    void certificateOfAnUnknownTenantIsRefused() {
        assertThatThrownBy(() -> certificates.record(TenantId.random(), "1", "x", "00", clock.instant(), clock.instant()))
                .isInstanceOf(NotFoundException.class);
    }

    @AllDatabasesTest
    void networksAreUniqueAndDeletedOnlyByTheirTenant() {
        SourceNetwork declared = networks.declare(acme, "10.1.0.0/16", "syslog", "HQ firewalls");
        assertThatThrownBy(() -> networks.declare(globex, "10.1.0.0/16", "syslog", "steal"))
                .isInstanceOf(DuplicateException.class);
        networks.declare(globex, "192.0.2.0/24", "auto", "branch");

        assertThat(networks.list(acme)).containsExactly(declared);
        assertThat(networks.all()).extracting(SourceNetwork::cidr).containsExactly("10.1.0.0/16", "192.0.2.0/24");
        assertThat(networks.delete(globex, declared.id())).isFalse();
        assertThat(networks.delete(acme, declared.id())).isTrue();
        assertThat(networks.all()).extracting(SourceNetwork::tenant).containsExactly(globex);
    }
}
