package io.vigil.soc.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.soc.ClockAlarm;
import io.vigil.soc.ClockAlarm.Stage;
import io.vigil.soc.IncidentState;
import io.vigil.soc.Priority;
import io.vigil.soc.contract.Contract;
import io.vigil.soc.contract.Contracts;
import io.vigil.soc.contract.Coverage;
import io.vigil.soc.contract.ServiceCredits;
import io.vigil.soc.regulatory.InMemoryRegulatoryClocks;
import io.vigil.soc.regulatory.Regime;
import io.vigil.soc.regulatory.Step;
import io.vigil.testkit.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlaSchedulerTest {

    private final FakeClock clock = FakeClock.at("2025-06-02T10:00:00Z");
    private final InMemorySlaSubjects subjects = new InMemorySlaSubjects();
    private final InMemoryAlarmLog log = new InMemoryAlarmLog();
    private final InMemoryRegulatoryClocks regulatory = new InMemoryRegulatoryClocks(clock);
    private final List<ClockAlarm> heard = new ArrayList<>();
    private final Contract contract = new Contract(Contract.DEFAULT_TARGETS, new Coverage.AroundTheClock(), Set.of(),
            Set.of(IncidentState.WAITING_ON_CLIENT), List.of(500, 750), List.of(), List.of(), Map.of(), ServiceCredits.none());
    private final Contracts contracts = tenant -> Optional.of(contract);

    private SlaScheduler scheduler() {
        return new SlaScheduler(subjects, contracts, regulatory, log, List.of(heard::add), List.of(500, 900), clock);
    }

    private List<String> heardAsText() {
        return heard.stream().map(a -> a.clock() + " " + a.stage() + " " + a.fraction()).toList();
    }

    @Test
    void raisesEachWarningAndTheBreachOnceAsTheClockRuns() {
        SlaScheduler scheduler = scheduler();
        subjects.put(Subjects.created(clock.instant(), Priority.P1).subject());

        scheduler.runOnce();
        assertThat(heard).isEmpty();
        clock.advance(Duration.ofMinutes(8));
        scheduler.runOnce();
        scheduler.runOnce();
        assertThat(heardAsText()).containsExactly("response WARNING 0.5");
        clock.advance(Duration.ofMinutes(4));
        scheduler.runOnce();
        assertThat(heardAsText()).containsExactly("response WARNING 0.5", "response WARNING 0.75");
        clock.advance(Duration.ofMinutes(4));
        SlaScheduler.Round round = scheduler.runOnce();
        assertThat(round.raised()).singleElement().satisfies(a -> {
            assertThat(a.stage()).isEqualTo(Stage.BREACH);
            assertThat(a.dueAt()).isEqualTo(Instant.parse("2025-06-02T10:15:00Z"));
            assertThat(a.raisedAt()).isEqualTo(clock.instant());
            assertThat(a.message()).isEqualTo("breach: not acknowledged within the P1 response target of 15m counted around the clock");
        });
        scheduler.runOnce();
        assertThat(heard).hasSize(3);
        assertThat(round.failures()).isEmpty();
    }

    @Test
    void aSchedulerStartedAfterALongOutageRaisesWhatCameDueLateAndNothingTwice() {
        subjects.put(Subjects.created(clock.instant(), Priority.P2).subject());
        clock.advance(Duration.ofMinutes(35));
        scheduler().runOnce();
        assertThat(heardAsText()).containsExactly("response WARNING 0.5");

        clock.advance(Duration.ofHours(2)); // "down" for two hours; a new process starts with the same log
        scheduler().runOnce();
        scheduler().runOnce();

        assertThat(heardAsText()).containsExactly("response WARNING 0.5", "response WARNING 0.75", "response BREACH 1.0");
    }

    @Test
    void anAlarmRecordedButNotDeliveredIsDeliveredByTheNextRound() {
        subjects.put(Subjects.created(clock.instant(), Priority.P1).subject());
        clock.advance(Duration.ofMinutes(8));
        SlaSubject subject = subjects.active().getFirst();
        ClockAlarm orphan = new ClockAlarm(subject.tenant(), subject.incidentId(), "response", Stage.WARNING, 0.5,
                Instant.parse("2025-06-02T10:15:00Z"), clock.instant(), "recorded before a crash");
        log.claim(orphan, 500); // the previous process stopped before calling its listeners

        scheduler().runOnce();
        scheduler().runOnce();

        assertThat(heard).containsExactly(orphan);
        assertThat(log.undelivered()).isEmpty();
    }

    @Test
    void pausedClocksRaiseNothingAndStoppedClocksRaiseNoWarnings() {
        Instant t0 = clock.instant();
        subjects.put(Subjects.created(t0, Priority.P1).then(t0.plus(Duration.ofMinutes(1)), IncidentState.ACKNOWLEDGED)
                .then(t0.plus(Duration.ofMinutes(2)), IncidentState.WAITING_ON_CLIENT).subject());

        clock.advance(Duration.ofDays(3));
        scheduler().runOnce();

        assertThat(heard).isEmpty();
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheOthersAndIsReported() {
        subjects.put(Subjects.created(clock.instant(), Priority.P1).subject());
        clock.advance(Duration.ofMinutes(16));
        ClockAlarm.Listener broken = alarm -> {
            throw new IllegalStateException("mail server down");
        };
        SlaScheduler scheduler = new SlaScheduler(subjects, contracts, regulatory, log, List.of(broken, heard::add),
                List.of(), clock);

        SlaScheduler.Round round = scheduler.runOnce();

        assertThat(heard).hasSize(3);
        assertThat(round.failures()).hasSize(3).allMatch(f -> f.contains("mail server down"));
    }

    @Test
    void regulatoryStepsRemindAndEscalateOnceUntilSubmitted() {
        SlaSubject incident = Subjects.created(clock.instant(), Priority.P1)
                .then(clock.instant().plusSeconds(60), IncidentState.INVESTIGATING).subject();
        subjects.put(incident);
        regulatory.start(incident.tenant(), incident.incidentId(), Regime.GDPR, clock.instant(), "dpo");

        clock.advance(Duration.ofHours(36)); // 50 % of 72 h
        scheduler().runOnce();
        assertThat(heard).filteredOn(a -> a.clock().equals("gdpr-notification"))
                .extracting(ClockAlarm::stage, ClockAlarm::fraction).containsExactly(org.assertj.core.groups.Tuple.tuple(Stage.WARNING, 0.5));
        clock.advance(Duration.ofHours(37));
        scheduler().runOnce();
        scheduler().runOnce();
        assertThat(heard).filteredOn(a -> a.clock().equals("gdpr-notification")).extracting(ClockAlarm::stage)
                .containsExactly(Stage.WARNING, Stage.WARNING, Stage.BREACH);
        assertThat(heard.getLast().message()).contains("overdue: the gdpr-notification report was due 2025-06-05T10:00:00Z");

        regulatory.saveDraft(incident.tenant(), incident.incidentId(), Step.GDPR_NOTIFICATION, Map.of("nature", "x"), "dpo");
        regulatory.submit(incident.tenant(), incident.incidentId(), Step.GDPR_NOTIFICATION, clock.instant(), "dpo");
        int before = heard.size();
        clock.advance(Duration.ofDays(40));
        scheduler().runOnce();
        assertThat(heard.subList(before, heard.size())).noneMatch(a -> a.clock().startsWith("gdpr"));
    }
}
