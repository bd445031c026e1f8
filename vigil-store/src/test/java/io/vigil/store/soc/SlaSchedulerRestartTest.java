package io.vigil.store.soc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.core.tenant.TenantId;
import io.vigil.soc.ClockAlarm;
import io.vigil.soc.IncidentState;
import io.vigil.soc.Priority;
import io.vigil.soc.StateChange;
import io.vigil.soc.regulatory.Regime;
import io.vigil.soc.sla.SlaScheduler;
import io.vigil.soc.sla.SlaSubject;
import io.vigil.store.Database;
import io.vigil.store.TestStores;
import io.vigil.store.soc.contract.JdbcContracts;
import io.vigil.store.soc.regulatory.JdbcRegulatoryClocks;
import io.vigil.store.soc.sla.JdbcAlarmLog;
import io.vigil.testkit.FakeClock;
import io.vigil.testkit.db.AllDatabasesTest;
import io.vigil.testkit.db.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/**
 * The scheduler over the real alarm log, stopped and started again mid-clock with a new database connection pool
 * each time: every alarm arrives once, late ones late but never missed.
 */
class SlaSchedulerRestartTest {

    private final FakeClock clock = FakeClock.at("2025-06-02T10:00:00Z");
    private final ObjectMapper json = new ObjectMapper();
    private final ListedSubjects subjects = new ListedSubjects();
    private final List<String> heard = new ArrayList<>();
    private Database database;

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    /** A process start: a fresh pool on the same database and a new scheduler. */
    private SlaScheduler start(TestDatabase fixture) {
        if (database != null) {
            database.close();
        }
        database = TestStores.open(fixture);
        return new SlaScheduler(subjects, new JdbcContracts(database.dataSource(), json, clock),
                new JdbcRegulatoryClocks(database.dataSource(), json, clock),
                new JdbcAlarmLog(database.dataSource(), database.dialect()),
                List.of(alarm -> heard.add(alarm.clock() + " " + alarm.stage() + " " + alarm.fraction())), List.of(500), clock);
    }

    @AllDatabasesTest
    void aRestartMidClockNeitherMissesNorRepeatsAnAlarm(TestDatabase fixture) {
        SlaScheduler first = start(fixture);
        TenantId tenant = TestStores.tenant(database, clock, "acme");
        UUID incident = UUID.randomUUID();
        subjects.subjects.add(new SlaSubject(tenant, incident, Priority.P1, null, clock.instant(),
                List.of(new StateChange(clock.instant(), null, IncidentState.NEW))));

        clock.advance(Duration.ofMinutes(12)); // 80 % of 15 min: the 75 % warning
        first.runOnce();
        first.runOnce();
        assertThat(heard).containsExactly("response WARNING 0.75");

        SlaScheduler second = start(fixture); // restart before the due instant
        second.runOnce();
        assertThat(heard).as("nothing repeated").hasSize(1);
        clock.advance(Duration.ofMinutes(180)); // down while the due instant passed and the resolution clock warned
        SlaScheduler third = start(fixture);
        third.runOnce();
        third.runOnce();
        assertThat(heard).containsExactly("response WARNING 0.75", "response BREACH 1.0", "resolution WARNING 0.75")
                .doesNotHaveDuplicates();

        JdbcAlarmLog log = new JdbcAlarmLog(database.dataSource(), database.dialect());
        assertThat(log.list(tenant, incident)).extracting(r -> r.alarm().stage() + " " + r.permille())
                .containsExactly("WARNING 750", "BREACH 1000", "WARNING 750");
        assertThat(log.list(tenant, incident).get(1).alarm().message())
                .isEqualTo("breach: not acknowledged within the P1 response target of 15m counted around the clock");
        assertThat(log.list(tenant, incident)).allMatch(r -> r.deliveredAt() != null);
        assertThat(log.list(TestStores.tenant(database, clock, "globex"), incident)).isEmpty();
    }

    @AllDatabasesTest
    void anAlarmRecordedJustBeforeACrashIsDeliveredOnceAfterTheRestart(TestDatabase fixture) {
        start(fixture);
        TenantId tenant = TestStores.tenant(database, clock, "acme");
        UUID incident = UUID.randomUUID();
        ClockAlarm recorded = new ClockAlarm(tenant, incident, "nis2-early-warning", ClockAlarm.Stage.WARNING, 0.5,
                clock.instant().plus(Duration.ofHours(12)), clock.instant(), "reminder");
        assertThat(new JdbcAlarmLog(database.dataSource(), database.dialect()).claim(recorded, 500)).isTrue();
        assertThat(new JdbcAlarmLog(database.dataSource(), database.dialect()).claim(recorded, 500))
                .as("a second process cannot record it again").isFalse();

        SlaScheduler restarted = start(fixture);
        restarted.runOnce();
        restarted.runOnce();
        start(fixture).runOnce();

        assertThat(heard).containsExactly("nis2-early-warning WARNING 0.5");
    }

    @AllDatabasesTest
    void regulatoryRemindersSurviveRestarts(TestDatabase fixture) {
        SlaScheduler first = start(fixture);
        TenantId tenant = TestStores.tenant(database, clock, "acme");
        UUID incident = UUID.randomUUID();
        Instant created = clock.instant();
        subjects.subjects.add(new SlaSubject(tenant, incident, Priority.P4, null, created,
                List.of(new StateChange(created, null, IncidentState.NEW),
                        new StateChange(created.plusSeconds(60), IncidentState.NEW, IncidentState.WAITING_ON_CLIENT))));
        new JdbcRegulatoryClocks(database.dataSource(), json, clock).start(tenant, incident, Regime.NIS2, created, "ciso");

        clock.advance(Duration.ofHours(13)); // half of the early warning's 24 h
        first.runOnce();
        SlaScheduler second = start(fixture);
        second.runOnce();
        clock.advance(Duration.ofHours(12));
        start(fixture).runOnce();

        assertThat(heard).containsExactly("nis2-early-warning WARNING 0.5", "nis2-early-warning BREACH 1.0");
    }

    @AllDatabasesTest
    void twoProcessesClaimingTheSameAlarmsAtOnceRaiseEachOnce(TestDatabase fixture) throws Exception {
        start(fixture);
        TenantId tenant = TestStores.tenant(database, clock, "acme");
        List<ClockAlarm> alarms = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            alarms.add(new ClockAlarm(tenant, new UUID(0, i), "response", ClockAlarm.Stage.BREACH, 1.0, clock.instant(),
                    clock.instant(), "breach " + i));
        }
        try (Database other = TestStores.open(fixture)) {
            List<JdbcAlarmLog> processes = List.of(new JdbcAlarmLog(database.dataSource(), database.dialect()),
                    new JdbcAlarmLog(other.dataSource(), other.dialect()));
            java.util.concurrent.atomic.AtomicInteger raised = new java.util.concurrent.atomic.AtomicInteger();
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
                List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
                for (int p = 0; p < 4; p++) {
                    JdbcAlarmLog log = processes.get(p % 2);
                    futures.add(pool.submit(() -> alarms.forEach(a -> {
                        if (log.claim(a, 1000)) {
                            raised.incrementAndGet();
                        }
                    })));
                }
                for (var future : futures) {
                    future.get(60, java.util.concurrent.TimeUnit.SECONDS);
                }
            }
            assertThat(raised.get()).isEqualTo(alarms.size());
            assertThat(processes.get(1).undelivered()).hasSize(alarms.size());
        }
    }
}
