package io.vigil.store.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.event.EventId;
import io.vigil.core.pipeline.Failure;
import io.vigil.core.pipeline.Phase;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.Database;
import io.vigil.store.TestStores;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.db.AllDatabasesTest;
import io.vigil.testkit.db.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class JdbcFailureStoreTest {

    private static final Instant RECEIVED = Instant.parse("2025-03-01T10:00:00Z");

    private static final int CAPACITY = 5;

    private final FakeClock clock = FakeClock.at("2025-03-01T11:00:00Z");
    private Database database;
    private JdbcFailureStore failures;
    private TenantId acme;
    private TenantId globex;

    @BeforeEach
    void open(TestDatabase fixture) {
        database = TestStores.open(fixture);
        failures = new JdbcFailureStore(database.dataSource(), database.dialect(), CAPACITY);
        acme = TestStores.tenant(database, clock, "acme");
        globex = TestStores.tenant(database, clock, "globex");
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private static Failure failure(TenantId tenant, int n) {
        return new Failure(EventId.of("journal", n, 0), tenant, TestStores.SOURCE, Phase.DECODE, "json",
                "unexpected character '}' at offset " + n, RECEIVED.plusSeconds(n),
                RECEIVED.plusSeconds(n).plusMillis(3), ("{\"n\":" + n + "}}").getBytes(StandardCharsets.UTF_8));
    }

    @AllDatabasesTest
    void keepsOnlyTheNewestFailuresUpToTheCapacityOfEachTenant() {
        for (int n = 0; n < 8; n++) {
            failures.record(List.of(failure(acme, n)));
        }
        failures.record(List.of(failure(globex, 100)));

        assertThat(failures.count(acme)).isEqualTo(CAPACITY);
        assertThat(failures.list(acme, 10, null)).extracting(f -> f.failure().receivedAt())
                .containsExactly(RECEIVED.plusSeconds(7), RECEIVED.plusSeconds(6), RECEIVED.plusSeconds(5),
                        RECEIVED.plusSeconds(4), RECEIVED.plusSeconds(3));
        assertThat(failures.count(globex)).isEqualTo(1);
    }

    @AllDatabasesTest
    void readsBackEveryFieldOfARecordedFailure() {
        Failure recorded = failure(acme, 1);

        failures.record(List.of(recorded));

        StoredFailure stored = failures.find(acme, recorded.id()).orElseThrow();
        assertThat(stored.failure()).usingRecursiveComparison().isEqualTo(recorded);
        assertThat(failures.list(acme, 10, null)).singleElement().usingRecursiveComparison().isEqualTo(stored);
    }

    @AllDatabasesTest
    void aReplayedFailureIsRecordedOnce() {
        List<Failure> batch = List.of(failure(acme, 1), failure(acme, 2), failure(acme, 1));

        failures.record(batch);
        failures.record(batch);

        assertThat(failures.count(acme)).isEqualTo(2);
    }

    @AllDatabasesTest
    void aTenantNeverSeesAnotherTenantsFailures() {
        Failure acmeFailure = failure(acme, 1);
        failures.record(List.of(acmeFailure));

        assertThat(failures.list(globex, 10, null)).isEmpty();
        assertThat(failures.find(globex, acmeFailure.id())).isEmpty();
        assertThat(failures.count(globex)).isZero();

        failures.record(List.of(failure(globex, 1)));
        assertThat(failures.find(globex, acmeFailure.id())).get()
                .satisfies(stored -> assertThat(stored.failure().tenant()).isEqualTo(globex));
        assertThat(failures.count(acme)).isEqualTo(1);
    }

    @AllDatabasesTest
    void listsNewestFirstPageByPage() {
        failures.record(IntStream.rangeClosed(1, 5).mapToObj(n -> failure(acme, n)).toList());

        List<StoredFailure> first = failures.list(acme, 3, null);
        List<StoredFailure> second = failures.list(acme, 3, first.getLast().seq());

        assertThat(first).extracting(stored -> stored.failure().id())
                .containsExactly(failure(acme, 5).id(), failure(acme, 4).id(), failure(acme, 3).id());
        assertThat(second).extracting(stored -> stored.failure().id())
                .containsExactly(failure(acme, 2).id(), failure(acme, 1).id());
    }

    @AllDatabasesTest
    void keepsReasonsQuotingBinaryInput() {
        Failure binary = new Failure(EventId.of("journal", 9, 0), acme, TestStores.SOURCE, Phase.DECODE, "json",
                "unexpected character '\u0000'", RECEIVED, RECEIVED, new byte[] {0, 0, 0});

        failures.record(List.of(binary));

        assertThat(failures.find(acme, binary.id()).orElseThrow().failure().reason())
                .isEqualTo("unexpected character '\uFFFD'");
    }

    @AllDatabasesTest
    void cutsRawBytesAboveTheJournalLimit() {
        byte[] oversized = new byte[JdbcFailureStore.MAX_RAW_BYTES + 10];
        oversized[JdbcFailureStore.MAX_RAW_BYTES - 1] = 42;
        Failure big = new Failure(EventId.of("journal", 10, 0), acme, TestStores.SOURCE, Phase.JOURNAL, "journal",
                "corrupt record", RECEIVED, RECEIVED, oversized);

        failures.record(List.of(big));

        Failure stored = failures.find(acme, big.id()).orElseThrow().failure();
        assertThat(stored.raw()).hasSize(JdbcFailureStore.MAX_RAW_BYTES);
        assertThat(stored.raw()[JdbcFailureStore.MAX_RAW_BYTES - 1]).isEqualTo((byte) 42);
        assertThat(stored.reason()).startsWith("corrupt record").contains("cut from " + oversized.length);
    }

    @AllDatabasesTest
    void rejectsPageSizesOutsideOneToMaxPage() {
        assertThatThrownBy(() -> failures.list(acme, 0, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
