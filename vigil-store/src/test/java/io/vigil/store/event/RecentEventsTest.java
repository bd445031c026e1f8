package io.vigil.store.event;

import static io.vigil.store.TestStores.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.event.Event;
import io.vigil.core.event.EventId;
import io.vigil.core.event.SourceRef;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.Database;
import io.vigil.store.TestStores;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.db.AllDatabasesTest;
import io.vigil.testkit.db.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class RecentEventsTest {

    private static final int CAPACITY = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeClock clock = FakeClock.at("2025-03-01T11:00:00Z");
    private Database database;
    private RecentEvents events;
    private TenantId acme;
    private TenantId globex;

    @BeforeEach
    void open(TestDatabase fixture) {
        database = TestStores.open(fixture);
        events = new RecentEvents(database.dataSource(), database.dialect(), JSON, CAPACITY, clock);
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
    void readsBackEveryFieldOfAWrittenEvent() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("user", Map.of("name", "alice", "groups", List.of("admins", "vpn")));
        fields.put("bytes", 123_456_789_012L);
        fields.put("ratio", 0.25);
        fields.put("ok", false);
        fields.put("note", null);
        Event written = new Event(EventId.of("journal", 7, 1), acme, new SourceRef("http", "fw-hq", "json"),
                Instant.parse("2025-03-01T09:59:59.123456789Z"), Instant.parse("2025-03-01T10:00:00Z"),
                fields, Map.of("device.hostname", "fw01", "severity_id", 4), new byte[] {0, 1, (byte) 0xff});

        events.write(List.of(written));

        StoredEvent stored = events.find(acme, written.id()).orElseThrow();
        assertThat(stored.id()).isEqualTo(written.id());
        assertThat(stored.tenant()).isEqualTo(acme);
        assertThat(stored.source()).isEqualTo(written.source());
        assertThat(stored.time()).isEqualTo(Instant.parse("2025-03-01T09:59:59.123456Z"));
        assertThat(stored.receivedAt()).isEqualTo(written.receivedAt());
        assertThat(stored.storedAt()).isEqualTo(clock.instant());
        assertThat(stored.fields()).isEqualTo(fields);
        assertThat(stored.common()).isEqualTo(written.common());
        assertThat(stored.raw()).containsExactly(0, 1, 0xff);
        assertThat(events.recent(acme, 10, null)).singleElement().usingRecursiveComparison().isEqualTo(stored);
    }

    @AllDatabasesTest
    void aReplayedEventIsStoredOnce() {
        List<Event> batch = List.of(event(acme, 1), event(acme, 2), event(acme, 1));

        events.write(batch);
        events.write(batch);
        events.write(List.of(event(acme, 2), event(acme, 3)));

        assertThat(events.count(acme)).isEqualTo(3);
        assertThat(events.recent(acme, 10, null)).extracting(StoredEvent::id)
                .containsExactly(event(acme, 3).id(), event(acme, 2).id(), event(acme, 1).id());
    }

    @AllDatabasesTest
    void keepsOnlyTheNewestEventsUpToTheCapacityOfEachTenant() {
        events.write(IntStream.rangeClosed(1, 4).mapToObj(n -> event(globex, n)).toList());
        events.write(IntStream.rangeClosed(1, 4).mapToObj(n -> event(acme, n)).toList());
        events.write(IntStream.rangeClosed(5, 8).mapToObj(n -> event(acme, n)).toList());
        events.write(List.of(event(acme, 9)));

        assertThat(events.count(acme)).isEqualTo(CAPACITY);
        assertThat(events.recent(acme, 10, null)).extracting(stored -> stored.fields().get("n"))
                .containsExactly(9, 8, 7, 6, 5);
        assertThat(events.find(acme, event(acme, 4).id())).isEmpty();
        assertThat(events.count(globex)).as("other tenant untouched").isEqualTo(4);
    }

    @AllDatabasesTest
    void pagesNewestFirstBySeq() {
        events.write(IntStream.rangeClosed(1, 5).mapToObj(n -> event(acme, n)).toList());

        List<StoredEvent> first = events.recent(acme, 2, null);
        List<StoredEvent> second = events.recent(acme, 2, first.getLast().seq());
        List<StoredEvent> last = events.recent(acme, 2, second.getLast().seq());

        assertThat(first).extracting(stored -> stored.fields().get("n")).containsExactly(5, 4);
        assertThat(second).extracting(stored -> stored.fields().get("n")).containsExactly(3, 2);
        assertThat(last).extracting(stored -> stored.fields().get("n")).containsExactly(1);
        assertThat(events.recent(acme, 2, last.getLast().seq())).isEmpty();
    }

    @AllDatabasesTest
    void aTenantNeverSeesAnotherTenantsEvents() {
        Event acmeEvent = event(acme, 1);
        events.write(List.of(acmeEvent));

        assertThat(events.recent(globex, 10, null)).isEmpty();
        assertThat(events.recent(globex, 10, Long.MAX_VALUE)).isEmpty();
        assertThat(events.find(globex, acmeEvent.id())).isEmpty();
        assertThat(events.count(globex)).isZero();
        assertThat(events.find(acme, acmeEvent.id())).isPresent();
    }

    @AllDatabasesTest
    void sameEventIdInTwoTenantsIsTwoEvents() {
        Event acmeEvent = event(acme, 1);
        Event globexEvent = new Event(acmeEvent.id(), globex, acmeEvent.source(), acmeEvent.time(),
                acmeEvent.receivedAt(), Map.of("tenant", "globex"), Map.of(), new byte[0]);

        events.write(List.of(acmeEvent, globexEvent));

        assertThat(events.find(globex, acmeEvent.id())).get()
                .satisfies(stored -> assertThat(stored.fields()).containsEntry("tenant", "globex"));
        assertThat(events.find(acme, acmeEvent.id())).get()
                .satisfies(stored -> assertThat(stored.fields()).containsEntry("message", "login failed"));
    }

    @AllDatabasesTest
    void storesTextThatPostgresqlRefusesInTextColumns() {
        Event withNul = new Event(EventId.of("journal", 1, 0), acme, new SourceRef("syslog", "host\u0000x", "rfc5424"),
                clock.instant(), clock.instant(), Map.of("msg", "a\u0000b"), Map.of(),
                "a\u0000b".getBytes(StandardCharsets.UTF_8));

        events.write(List.of(withNul));

        StoredEvent stored = events.find(acme, withNul.id()).orElseThrow();
        assertThat(stored.fields()).containsEntry("msg", "a\u0000b");
        assertThat(stored.source().name()).isEqualTo("host\uFFFDx");
        assertThat(stored.raw()).isEqualTo(withNul.raw());
    }

    @AllDatabasesTest
    void clampsEventTimesOutsideWhatTheDatabasesHold() {
        Event future = event(acme, 1).withTime(Instant.parse("+100000-01-01T00:00:00Z"));

        events.write(List.of(future));

        assertThat(events.find(acme, future.id()).orElseThrow().time()).isEqualTo(Instant.parse("9999-12-31T23:59:59.999999Z"));
    }

    @AllDatabasesTest
    void writesLargeBatchesInOneGo() {
        List<Event> batch = new ArrayList<>();
        for (int n = 0; n < 500; n++) {
            batch.add(event(n % 2 == 0 ? acme : globex, n));
        }
        RecentEvents large = new RecentEvents(database.dataSource(), database.dialect(), JSON, 100, clock);

        large.write(batch);
        clock.advance(Duration.ofSeconds(1));
        large.write(batch.subList(300, 500));

        assertThat(large.count(acme)).isEqualTo(100);
        assertThat(large.count(globex)).isEqualTo(100);
        assertThat(large.recent(acme, 1, null)).singleElement()
                .satisfies(stored -> assertThat(stored.fields().get("n")).isEqualTo(498));
    }

    @AllDatabasesTest
    void rejectsPageSizesOutsideOneToMaxPage() {
        assertThatThrownBy(() -> events.recent(acme, 0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> events.recent(acme, RecentEvents.MAX_PAGE + 1, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
