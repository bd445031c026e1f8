package io.vigil.store.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.error.PermanentException;
import io.vigil.core.event.Event;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.Database;
import io.vigil.store.TestStores;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.db.AllDatabasesTest;
import io.vigil.testkit.db.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class DetectionsTest {

    private static final int CAPACITY = 4;
    private static final Instant DETECTED = Instant.parse("2025-03-01T10:00:05Z");

    private final FakeClock clock = FakeClock.at("2025-03-01T11:00:00Z");
    private Database database;
    private Detections detections;
    private TenantId acme;
    private TenantId globex;

    @BeforeEach
    void open(TestDatabase fixture) {
        database = TestStores.open(fixture);
        detections = new Detections(database.dataSource(), database.dialect(), new ObjectMapper(), CAPACITY);
        acme = TestStores.tenant(database, clock, "acme");
        globex = TestStores.tenant(database, clock, "globex");
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private static DetectionEntry entry(String ruleId) {
        return new DetectionEntry(ruleId, "Suspicious " + ruleId, "high", "test", "Florian Roth (Nextron Systems)",
                List.of("attack.execution", "attack.t1059"), List.of("https://example.org/" + ruleId),
                List.of("Image", "CommandLine"), DETECTED);
    }

    private static Event detected(TenantId tenant, int n, DetectionEntry... entries) {
        Event event = TestStores.event(tenant, n);
        return event.withCommon(Map.of(DetectionEntry.COMMON_KEY,
                java.util.Arrays.stream(entries).map(DetectionEntry::toMap).toList()));
    }

    @AllDatabasesTest
    void readsBackEveryFieldOfAStoredDetection() {
        Event event = detected(acme, 1, entry("rule-a"), entry("rule-b"));

        detections.write(List.of(event));
        detections.flush();

        List<StoredDetection> page = detections.recent(acme, 10, null);
        assertThat(page).extracting(d -> d.detection().ruleId()).containsExactly("rule-b", "rule-a");
        StoredDetection stored = page.get(1);
        assertThat(stored.detection()).isEqualTo(entry("rule-a"));
        assertThat(stored.tenant()).isEqualTo(acme);
        assertThat(stored.eventId()).isEqualTo(event.id());
        assertThat(stored.eventTime()).isEqualTo(event.time());
        assertThat(stored.id()).isEqualTo(Detections.idOf(event.id(), "rule-a"));
        assertThat(detections.find(acme, stored.id())).contains(stored);
    }

    @AllDatabasesTest
    void writesIdempotentlyByEventAndRule() {
        Event event = detected(acme, 1, entry("rule-a"));

        detections.write(List.of(event));
        detections.write(List.of(event, detected(acme, 1, entry("rule-a"), entry("rule-b"))));

        assertThat(detections.count(acme)).isEqualTo(2);
        assertThat(detections.recent(acme, 10, null)).extracting(d -> d.detection().ruleId())
                .containsExactly("rule-b", "rule-a");
    }

    @AllDatabasesTest
    void keepsTenantsApart() {
        detections.write(List.of(detected(acme, 1, entry("rule-a")), detected(globex, 1, entry("rule-g"))));

        StoredDetection acmes = detections.recent(acme, 10, null).getFirst();
        assertThat(detections.recent(globex, 10, null)).extracting(d -> d.detection().ruleId()).containsExactly("rule-g");
        assertThat(detections.find(globex, acmes.id())).isEmpty();
        assertThat(detections.count(globex)).isEqualTo(1);
    }

    @AllDatabasesTest
    void keepsOnlyTheNewestCapacityPerTenant() {
        for (int n = 1; n <= 6; n++) {
            detections.write(List.of(detected(acme, n, entry("rule-" + n))));
        }
        detections.write(List.of(detected(globex, 1, entry("rule-g"))));

        assertThat(detections.recent(acme, 10, null)).extracting(d -> d.detection().ruleId())
                .containsExactly("rule-6", "rule-5", "rule-4", "rule-3");
        assertThat(detections.count(globex)).isEqualTo(1);
    }

    @AllDatabasesTest
    void pagesNewestFirst() {
        for (int n = 1; n <= 3; n++) {
            detections.write(List.of(detected(acme, n, entry("rule-" + n))));
        }

        List<StoredDetection> first = detections.recent(acme, 2, null);
        List<StoredDetection> second = detections.recent(acme, 2, first.getLast().seq());

        assertThat(first).extracting(d -> d.detection().ruleId()).containsExactly("rule-3", "rule-2");
        assertThat(second).extracting(d -> d.detection().ruleId()).containsExactly("rule-1");
    }

    @AllDatabasesTest
    void ignoresEventsWithoutDetectionsAndRefusesMalformedOnes() {
        detections.write(List.of(TestStores.event(acme, 1)));
        assertThat(detections.count(acme)).isZero();

        Event malformed = TestStores.event(acme, 2).withCommon(Map.of(DetectionEntry.COMMON_KEY, "rule-a"));
        assertThatThrownBy(() -> detections.write(List.of(malformed)))
                .isInstanceOf(PermanentException.class).hasMessageContaining("unreadable detections");
    }
}
