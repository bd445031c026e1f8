package io.vigil.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.event.Event;
import io.vigil.core.event.EventId;
import io.vigil.core.event.SourceRef;
import io.vigil.core.search.EventQuery;
import io.vigil.core.search.StorageUsage;
import io.vigil.core.search.TimeRange;
import io.vigil.core.tenant.TenantId;
import io.vigil.core.tenant.TenantSlug;
import io.vigil.server.config.SearchSettings;
import io.vigil.store.Database;
import io.vigil.store.DatabaseConfig;
import io.vigil.store.search.LuceneEventStore;
import io.vigil.store.search.RetentionPolicies;
import io.vigil.store.search.SearchLimits;
import io.vigil.store.tenant.TenantDirectory;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.db.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retention job over a real event store and the real retention table (H2): each tenant loses exactly the day
 * partitions before its first kept day, by its own retention or the default, and its storage figures follow.
 */
class RetentionJobTest {

    private static final TimeRange EVERYTHING = new TimeRange(Instant.parse("2025-01-01T00:00:00Z"),
            Instant.parse("2025-04-01T00:00:00Z"));

    private final FakeClock clock = FakeClock.at("2025-03-10T12:00:00Z");
    @TempDir
    Path dir;
    private TestDatabase fixture;
    private Database database;
    private LuceneEventStore store;
    private RetentionPolicies policies;
    private TenantId acme;
    private TenantId globex;
    private TenantId initech;

    @BeforeEach
    void open() {
        fixture = TestDatabase.h2();
        database = Database.open(new DatabaseConfig(fixture.url(), fixture.username(), fixture.password(), 2));
        TenantDirectory tenants = new TenantDirectory(database.dataSource(), clock);
        acme = tenants.create(new TenantSlug("acme"), "Acme", ZoneOffset.UTC).id();
        globex = tenants.create(new TenantSlug("globex"), "Globex", ZoneOffset.UTC).id();
        initech = tenants.create(new TenantSlug("initech"), "Initech", ZoneOffset.UTC).id();
        policies = new RetentionPolicies(database.dataSource(), clock);
        store = new LuceneEventStore(dir, new ObjectMapper(), SearchLimits.DEFAULTS, 16, clock);
    }

    @AfterEach
    void close() {
        store.close();
        database.close();
        fixture.close();
    }

    private static Event event(TenantId tenant, int n, Instant time) {
        return new Event(EventId.of("journal", n, 0), tenant, new SourceRef("http", "fw", "json"), time, time,
                Map.of("message", "event " + n), Map.of(), ("raw-" + n).getBytes(StandardCharsets.UTF_8));
    }

    /** One event at noon of each of the {@code days} days up to today (2025-03-10) for the tenant. */
    private void fill(TenantId tenant, int days, int firstNumber) {
        List<Event> batch = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            batch.add(event(tenant, firstNumber + i, Instant.parse("2025-03-10T12:00:00Z").minus(Duration.ofDays(i))));
        }
        store.write(batch);
        store.flush();
    }

    private List<LocalDate> storedDays(TenantId tenant) {
        return store.search(tenant, EventQuery.of("", EVERYTHING, 1000)).events().stream()
                .map(e -> LocalDate.ofInstant(e.time(), ZoneOffset.UTC)).sorted().toList();
    }

    @Test
    void deletesEachTenantsExpiredDaysByItsOwnRetentionOrTheDefaultAndAccountsStorage() {
        fill(acme, 10, 0);
        fill(globex, 10, 100);
        fill(initech, 10, 200);
        policies.set(acme, 3, "admin");
        policies.set(globex, 30, "admin");
        // initech keeps the default: 5 days.
        RetentionJob job = new RetentionJob(store, policies, new SearchSettings(null, 5, null, null, null, null, null),
                clock);
        StorageUsage acmeBefore = store.usage(acme);
        StorageUsage globexBefore = store.usage(globex);

        assertThat(job.runOnce()).as("partitions deleted: 7 of acme, 5 of initech").isEqualTo(12);

        assertThat(storedDays(acme)).containsExactly(LocalDate.parse("2025-03-08"), LocalDate.parse("2025-03-09"),
                LocalDate.parse("2025-03-10"));
        assertThat(storedDays(initech)).hasSize(5).first().isEqualTo(LocalDate.parse("2025-03-06"));
        assertThat(storedDays(globex)).hasSize(10);
        StorageUsage acmeAfter = store.usage(acme);
        assertThat(acmeAfter.events()).isEqualTo(3);
        assertThat(acmeAfter.partitions()).isEqualTo(3);
        assertThat(acmeAfter.oldestDay()).isEqualTo(LocalDate.parse("2025-03-08"));
        assertThat(acmeAfter.bytes()).isPositive().isLessThan(acmeBefore.bytes());
        assertThat(store.usage(globex)).isEqualTo(globexBefore);
        assertThat(dir.resolve(acme.toString()).resolve("2025-03-07")).doesNotExist();
        assertThat(dir.resolve(acme.toString()).resolve("2025-03-08")).isDirectory();

        assertThat(job.runOnce()).as("nothing more to delete the same day").isZero();
        clock.advance(Duration.ofDays(1));
        assertThat(job.runOnce()).as("a day later each tenant loses its oldest day").isEqualTo(2);
        assertThat(storedDays(acme)).containsExactly(LocalDate.parse("2025-03-09"), LocalDate.parse("2025-03-10"));
        assertThat(storedDays(initech)).hasSize(4);
    }

    @Test
    void aTenantWhoseDaysAllExpiredLeavesNoDirectoryAndOthersAreUntouched() {
        fill(acme, 3, 0);
        fill(globex, 1, 100);
        clock.advance(Duration.ofDays(40));
        policies.set(globex, 60, "admin");
        RetentionJob job = new RetentionJob(store, policies, new SearchSettings(null, 30, null, null, null, null, null),
                clock);

        assertThat(job.runOnce()).isEqualTo(3);

        assertThat(store.usage(acme)).isEqualTo(new StorageUsage(0, 0, 0, null, null));
        assertThat(dir.resolve(acme.toString())).doesNotExist();
        assertThat(store.tenants()).containsExactly(globex);
        assertThat(storedDays(globex)).containsExactly(LocalDate.parse("2025-03-10"));
    }
}
