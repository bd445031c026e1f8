package io.vigil.store.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.source.SourceHealth;
import io.vigil.core.source.SourceKey;
import io.vigil.core.source.SourceSilence;
import io.vigil.core.source.SourceState;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.Database;
import io.vigil.store.TestStores;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.db.AllDatabasesTest;
import io.vigil.testkit.db.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class SourceStoresTest {

    private final FakeClock clock = FakeClock.at("2026-11-03T09:00:00Z");
    private Database database;
    private LogSources sources;
    private SourceSignals signals;
    private TenantId acme;
    private TenantId globex;

    @BeforeEach
    void open(TestDatabase fixture) {
        database = TestStores.open(fixture);
        sources = new LogSources(database.dataSource(), clock);
        signals = new SourceSignals(database.dataSource());
        acme = TestStores.tenant(database, clock, "acme");
        globex = TestStores.tenant(database, clock, "globex");
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private SourceHealth health(TenantId tenant, String name, long events, SourceState state) {
        Instant seen = Instant.parse("2026-11-03T08:59:00Z");
        return new SourceHealth(new SourceKey(tenant, "http", name), "json", seen.minusSeconds(3600), seen, events,
                events * 10, 2, 1.5, 90.0, 5, null, state);
    }

    @AllDatabasesTest
    void savesAndUpdatesSnapshotsWithoutTouchingTheHeartbeat() {
        sources.setHeartbeat(acme, "http", "fw", Duration.ofMinutes(5));
        sources.setHeartbeat(acme, "mqtt", "site/door", Duration.ofMinutes(10)); // expected, never seen
        sources.saveAll(List.of(health(acme, "fw", 10, SourceState.OK), health(globex, "okta", 3, SourceState.OK)));
        sources.saveAll(List.of(health(acme, "fw", 20, SourceState.SILENT)));
        assertThat(sources.list(acme)).extracting(h -> h.key().name()).containsExactly("fw", "site/door");
        SourceHealth fw = sources.find(acme, "http", "fw").orElseThrow();
        assertThat(fw.events()).isEqualTo(20);
        assertThat(fw.bytes()).isEqualTo(200);
        assertThat(fw.decodeFailures()).isEqualTo(2);
        assertThat(fw.baselinePerHour()).isEqualTo(90.0);
        assertThat(fw.baselineHours()).isEqualTo(5);
        assertThat(fw.state()).isEqualTo(SourceState.SILENT);
        assertThat(fw.expectedHeartbeat()).isEqualTo(Duration.ofMinutes(5));
        assertThat(fw.lastSeen()).isEqualTo(Instant.parse("2026-11-03T08:59:00Z"));
        SourceHealth door = sources.find(acme, "mqtt", "site/door").orElseThrow();
        assertThat(door.firstSeen()).isNull();
        assertThat(door.expectedHeartbeat()).isEqualTo(Duration.ofMinutes(10));
        sources.setHeartbeat(acme, "http", "fw", null);
        assertThat(sources.find(acme, "http", "fw").orElseThrow().expectedHeartbeat()).isNull();
        assertThat(sources.find(globex, "http", "fw")).isEmpty();
        assertThat(sources.all()).hasSize(3);
        assertThat(sources.delete(acme, "mqtt", "site/door")).isTrue();
        assertThat(sources.list(acme)).hasSize(1);
    }

    @AllDatabasesTest
    void keepsTheDetectedFormatFromSavesAndThePinnedCodecOnlyFromThePin() {
        Instant seen = Instant.parse("2026-11-03T08:59:00Z");
        SourceKey key = new SourceKey(acme, "syslog-udp", "10.0.0.1");
        sources.setPinnedCodec(acme, "syslog-tcp", "10.0.0.2", "cef"); // pinned before it was ever seen
        sources.saveAll(List.of(new SourceHealth(key, "auto", seen, seen, 1, 10, 0, 0, 0, 0, null, SourceState.OK,
                "cef", "ignored: only the pin sets it")));
        sources.setPinnedCodec(acme, "syslog-udp", "10.0.0.1", "leef");
        sources.saveAll(List.of(new SourceHealth(key, "auto", seen, seen, 2, 20, 0, 0, 0, 0, null, SourceState.OK,
                "json", null)));

        SourceHealth found = sources.find(acme, "syslog-udp", "10.0.0.1").orElseThrow();
        assertThat(found.detectedFormat()).isEqualTo("json");
        assertThat(found.pinnedCodec()).isEqualTo("leef");
        assertThat(sources.find(acme, "syslog-tcp", "10.0.0.2").orElseThrow().pinnedCodec()).isEqualTo("cef");
        sources.setPinnedCodec(acme, "syslog-udp", "10.0.0.1", null);
        assertThat(sources.find(acme, "syslog-udp", "10.0.0.1").orElseThrow().pinnedCodec()).isNull();
        assertThat(sources.find(globex, "syslog-udp", "10.0.0.1")).isEmpty();
    }

    @AllDatabasesTest
    void signalsAreRaisedListedPerTenantAndCleared() {
        SourceKey fw = new SourceKey(acme, "http", "fw");
        signals.raise(acme, new SourceSilence(fw, SourceState.SILENT, clock.instant(), null, "nothing for 301 s"));
        signals.raise(globex, new SourceSilence(new SourceKey(globex, "http", "x"), SourceState.BELOW_BASELINE,
                clock.instant(), clock.instant(), "x".repeat(800)));
        assertThat(signals.recent(acme, 10)).singleElement().satisfies(stored -> {
            assertThat(stored.signal().key()).isEqualTo(fw);
            assertThat(stored.signal().state()).isEqualTo(SourceState.SILENT);
            assertThat(stored.signal().lastSeen()).isNull();
            assertThat(stored.clearedAt()).isNull();
        });
        assertThat(signals.recent(globex, 10).getFirst().signal().detail()).hasSize(500);
        assertThat(signals.clear(acme, "http", "fw", clock.instant().plusSeconds(60))).isEqualTo(1);
        assertThat(signals.recent(acme, 10).getFirst().clearedAt()).isEqualTo(clock.instant().plusSeconds(60));
    }
}
