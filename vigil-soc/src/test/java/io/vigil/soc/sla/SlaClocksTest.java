package io.vigil.soc.sla;

import static io.vigil.soc.sla.BusinessCalendarTest.BERLIN;
import static io.vigil.soc.sla.BusinessCalendarTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.soc.IncidentState;
import io.vigil.soc.Priority;
import io.vigil.soc.contract.Contract;
import io.vigil.soc.contract.Coverage;
import io.vigil.soc.contract.ServiceCredits;
import io.vigil.soc.contract.TimeWindow;
import io.vigil.soc.sla.ClockStatus.State;
import io.vigil.testkit.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SlaClocksTest {

    private final FakeClock clock = FakeClock.at("2025-06-02T10:00:00Z"); // a Monday
    private final Contract defaults = Contract.defaults();

    static Contract officeHours(Set<Priority> alwaysCovered, Set<IncidentState> pausing, LocalDate... holidays) {
        Coverage.BusinessHours weekdays = Coverage.BusinessHours.weekdays(BERLIN, TimeWindow.parse("08:00-18:00"));
        return new Contract(Contract.DEFAULT_TARGETS, new Coverage.BusinessHours(BERLIN, weekdays.hours(), Set.of(holidays)),
                alwaysCovered, pausing, List.of(500, 750), List.of(), List.of(), Map.of(), ServiceCredits.none());
    }

    @Test
    void p1ResponseAroundTheClockWarnsAtThreeQuartersAndBreachesAfterFifteenMinutes() {
        Instant created = clock.instant();
        SlaSubject open = Subjects.created(created, Priority.P1).subject();

        ClockStatus at10 = SlaClocks.status(defaults, open, SlaClock.RESPONSE, clock.advance(Duration.ofMinutes(10)));
        assertThat(at10.state()).isEqualTo(State.RUNNING);
        assertThat(at10.elapsed()).isEqualTo(Duration.ofMinutes(10));
        assertThat(at10.dueAt()).isEqualTo(created.plus(Duration.ofMinutes(15)));
        assertThat(at10.warnings()).singleElement().satisfies(w -> {
            assertThat(w.permille()).isEqualTo(750);
            assertThat(w.at()).isEqualTo(created.plus(Duration.ofSeconds(675)));
            assertThat(w.reached()).isFalse();
        });
        ClockStatus at1115 = SlaClocks.status(defaults, open, SlaClock.RESPONSE, created.plusSeconds(675));
        assertThat(at1115.warnings().getFirst().reached()).isTrue();
        ClockStatus atDue = SlaClocks.status(defaults, open, SlaClock.RESPONSE, created.plus(Duration.ofMinutes(15)));
        assertThat(atDue.state()).as("the target is used up but not exceeded").isEqualTo(State.RUNNING);
        assertThat(atDue.remaining()).isZero();

        ClockStatus late = SlaClocks.status(defaults, open, SlaClock.RESPONSE, clock.advance(Duration.ofMinutes(6)));
        assertThat(late.state()).isEqualTo(State.BREACHED);
        assertThat(late.cause()).isEqualTo("not acknowledged within the P1 response target of 15m counted around the clock");
        assertThat(late.dueAt()).isEqualTo(created.plus(Duration.ofMinutes(15)));
        assertThat(late.fraction()).isCloseTo(16.0 / 15, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void acknowledgementStopsTheResponseClockMetOnTimeAndBreachedWhenLate() {
        Instant created = clock.instant();
        SlaSubject onTime = Subjects.created(created, Priority.P1)
                .then(created.plus(Duration.ofMinutes(15)), IncidentState.ACKNOWLEDGED).subject();
        SlaSubject late = Subjects.created(created, Priority.P1)
                .then(created.plus(Duration.ofMinutes(15)).plusMillis(1), IncidentState.ACKNOWLEDGED).subject();
        Instant muchLater = created.plus(Duration.ofDays(2));

        ClockStatus met = SlaClocks.status(defaults, onTime, SlaClock.RESPONSE, muchLater);
        assertThat(met.state()).isEqualTo(State.MET);
        assertThat(met.stoppedAt()).isEqualTo(created.plus(Duration.ofMinutes(15)));
        assertThat(met.elapsed()).isEqualTo(Duration.ofMinutes(15));
        ClockStatus breached = SlaClocks.status(defaults, late, SlaClock.RESPONSE, muchLater);
        assertThat(breached.state()).isEqualTo(State.BREACHED);
        assertThat(breached.cause()).startsWith("acknowledged at 2025-06-02T10:15:00.001Z after 15m");
    }

    @Test
    void incidentCreatedOutsideHoursStartsCountingWhenCoverageOpens() {
        Contract office = officeHours(Set.of(), Set.of(IncidentState.WAITING_ON_CLIENT));
        Instant fridayEvening = at("2025-06-06T20:00", BERLIN);
        SlaSubject p2 = Subjects.created(fridayEvening, Priority.P2).subject();

        ClockStatus sunday = SlaClocks.status(office, p2, SlaClock.RESPONSE, at("2025-06-08T23:00", BERLIN));
        assertThat(sunday.elapsed()).isZero();
        assertThat(sunday.state()).isEqualTo(State.RUNNING);
        assertThat(sunday.dueAt()).isEqualTo(at("2025-06-09T09:00", BERLIN));
        assertThat(sunday.warnings()).extracting(ClockStatus.Warning::at)
                .containsExactly(at("2025-06-09T08:30", BERLIN), at("2025-06-09T08:45", BERLIN));
    }

    @Test
    void p1StaysAroundTheClockWhenTheContractSaysSoWhileOthersWaitForOfficeHours() {
        Contract office = officeHours(Set.of(Priority.P1), Set.of());
        Instant saturday = at("2025-06-07T03:00", BERLIN);

        assertThat(SlaClocks.status(office, Subjects.created(saturday, Priority.P1).subject(), SlaClock.RESPONSE, saturday).dueAt())
                .isEqualTo(saturday.plus(Duration.ofMinutes(15)));
        assertThat(SlaClocks.status(office, Subjects.created(saturday, Priority.P3).subject(), SlaClock.RESPONSE, saturday).dueAt())
                .isEqualTo(at("2025-06-09T12:00", BERLIN));
    }

    @Test
    void businessHoursAcrossSpringForwardAndFallBack() {
        // A contract covering Saturday and Sunday nights across both DST weekends of 2025 in Berlin.
        Contract nights = new Contract(Contract.DEFAULT_TARGETS,
                BusinessCalendarTest.everyDay(BERLIN, "00:00-06:00", Set.of()), Set.of(), Set.of(), List.of(750),
                List.of(), List.of(), Map.of(), ServiceCredits.none());
        SlaSubject spring = Subjects.created(at("2025-03-30T01:00", BERLIN), Priority.P3).subject(); // 4 h response
        SlaSubject autumn = Subjects.created(at("2025-10-26T01:00", BERLIN), Priority.P3).subject();

        // spring: 01:00-02:00 CET, then 03:00-06:00 CEST gives the 4 h at 06:00 local (04:00Z)
        ClockStatus s = SlaClocks.status(nights, spring, SlaClock.RESPONSE, at("2025-03-30T05:00", BERLIN));
        assertThat(s.elapsed()).isEqualTo(Duration.ofHours(3));
        assertThat(s.dueAt()).isEqualTo(at("2025-03-30T06:00", BERLIN)).isEqualTo(Instant.parse("2025-03-30T04:00:00Z"));
        // autumn: 01:00-03:00 CEST, then 02:00-04:00 CET (the hour 02-03 is lived twice): 4 h at 04:00 local, 03:00Z
        ClockStatus a = SlaClocks.status(nights, autumn, SlaClock.RESPONSE, at("2025-10-26T02:30", BERLIN));
        assertThat(a.elapsed()).as("01:00-02:30 CEST").isEqualTo(Duration.ofMinutes(90));
        assertThat(a.dueAt()).isEqualTo(at("2025-10-26T04:00", BERLIN)).isEqualTo(Instant.parse("2025-10-26T03:00:00Z"));
    }

    @Test
    void holidaysDoNotCount() {
        Contract office = officeHours(Set.of(), Set.of(), LocalDate.parse("2025-12-25"), LocalDate.parse("2025-12-26"));
        SlaSubject p3 = Subjects.created(at("2025-12-24T17:00", BERLIN), Priority.P3).subject();

        ClockStatus status = SlaClocks.status(office, p3, SlaClock.RESPONSE, at("2025-12-26T12:00", BERLIN));

        assertThat(status.elapsed()).isEqualTo(Duration.ofHours(1));
        assertThat(status.dueAt()).isEqualTo(at("2025-12-29T11:00", BERLIN));
    }

    @Test
    void waitingOnClientPausesTheResolutionClockAndShiftsItsDueInstant() {
        Instant t0 = clock.instant();
        SlaSubject p2 = Subjects.created(t0, Priority.P2)
                .then(t0.plus(Duration.ofMinutes(10)), IncidentState.ACKNOWLEDGED)
                .then(t0.plus(Duration.ofHours(2)), IncidentState.WAITING_ON_CLIENT)
                .then(t0.plus(Duration.ofHours(10)), IncidentState.INVESTIGATING).subject();

        ClockStatus paused = SlaClocks.status(defaults, p2, SlaClock.RESOLUTION, t0.plus(Duration.ofHours(5)));
        assertThat(paused.state()).isEqualTo(State.PAUSED);
        assertThat(paused.elapsed()).isEqualTo(Duration.ofHours(2));
        assertThat(paused.paused()).isEqualTo(Duration.ofHours(3));
        assertThat(paused.dueAt()).as("unknown while paused").isNull();

        ClockStatus running = SlaClocks.status(defaults, p2, SlaClock.RESOLUTION, t0.plus(Duration.ofHours(12)));
        assertThat(running.state()).isEqualTo(State.RUNNING);
        assertThat(running.elapsed()).isEqualTo(Duration.ofHours(4));
        assertThat(running.paused()).isEqualTo(Duration.ofHours(8));
        assertThat(running.dueAt()).isEqualTo(t0.plus(Duration.ofHours(32)));

        ClockStatus breached = SlaClocks.status(defaults, p2, SlaClock.RESOLUTION, t0.plus(Duration.ofHours(33)));
        assertThat(breached.cause()).isEqualTo("not resolved within the P2 resolution target of 1d counted around the clock, paused 8h");

        Contract noPauses = new Contract(defaults.targets(), defaults.coverage(), Set.of(), Set.of(), List.of(), List.of(),
                List.of(), Map.of(), ServiceCredits.none());
        assertThat(SlaClocks.status(noPauses, p2, SlaClock.RESOLUTION, t0.plus(Duration.ofHours(5))).elapsed())
                .as("a contract without pausing states counts waiting time").isEqualTo(Duration.ofHours(5));
    }

    @Test
    void aPauseOutsideCoveredHoursChangesNothingAndOneInsideMovesTheDueInstantByCoveredTimeOnly() {
        Contract office = officeHours(Set.of(), Set.of(IncidentState.WAITING_ON_CLIENT));
        Instant monday9 = at("2025-06-02T09:00", BERLIN);
        SlaSubject p1 = Subjects.created(monday9, Priority.P1) // resolution 4 h
                .then(monday9.plus(Duration.ofMinutes(5)), IncidentState.INVESTIGATING)
                .then(at("2025-06-02T12:00", BERLIN), IncidentState.WAITING_ON_CLIENT)
                .then(at("2025-06-03T09:00", BERLIN), IncidentState.INVESTIGATING).subject();

        ClockStatus status = SlaClocks.status(office, p1, SlaClock.RESOLUTION, at("2025-06-03T09:30", BERLIN));

        assertThat(status.elapsed()).isEqualTo(Duration.ofMinutes(210));
        assertThat(status.paused()).isEqualTo(Duration.ofHours(21));
        assertThat(status.dueAt()).isEqualTo(at("2025-06-03T10:00", BERLIN));
    }

    @Test
    void resolvingStopsTheResolutionClockAndReopeningRunsItOn() {
        Instant t0 = clock.instant();
        SlaSubject reopened = Subjects.created(t0, Priority.P1)
                .then(t0.plus(Duration.ofMinutes(5)), IncidentState.INVESTIGATING)
                .then(t0.plus(Duration.ofHours(3)), IncidentState.RESOLVED)
                .then(t0.plus(Duration.ofHours(7)), IncidentState.INVESTIGATING).subject();

        ClockStatus resolved = SlaClocks.status(defaults, reopened, SlaClock.RESOLUTION, t0.plus(Duration.ofHours(5)));
        assertThat(resolved.state()).isEqualTo(State.MET);
        assertThat(resolved.stoppedAt()).isEqualTo(t0.plus(Duration.ofHours(3)));
        ClockStatus again = SlaClocks.status(defaults, reopened, SlaClock.RESOLUTION, t0.plus(Duration.ofHours(7).plusMinutes(30)));
        assertThat(again.state()).isEqualTo(State.RUNNING);
        assertThat(again.elapsed()).isEqualTo(Duration.ofMinutes(210));
        assertThat(again.dueAt()).isEqualTo(t0.plus(Duration.ofHours(8)));
    }

    @Test
    void acknowledgingOutsideHoursAfterTheDueInstantMeetsWhileNoCoveredTimeHasPassed() {
        Contract office = officeHours(Set.of(), Set.of());
        SlaSubject p2 = Subjects.created(at("2025-06-06T17:00", BERLIN), Priority.P2) // Friday, 1 h left today
                .then(at("2025-06-07T10:00", BERLIN), IncidentState.ACKNOWLEDGED).subject();

        ClockStatus status = SlaClocks.status(office, p2, SlaClock.RESPONSE, at("2025-06-09T12:00", BERLIN));

        assertThat(status.elapsed()).isEqualTo(Duration.ofHours(1));
        assertThat(status.dueAt()).isEqualTo(at("2025-06-06T18:00", BERLIN));
        assertThat(status.state()).isEqualTo(State.MET);
    }

    @Test
    void historyBeyondNowIsIgnoredAndAChangeAtCreationReplacesNew() {
        Instant t0 = clock.instant();
        SlaSubject ackAtOnce = Subjects.created(t0, Priority.P4).then(t0, IncidentState.ACKNOWLEDGED)
                .then(t0.plus(Duration.ofHours(1)), IncidentState.RESOLVED).subject();

        assertThat(SlaClocks.status(defaults, ackAtOnce, SlaClock.RESPONSE, t0).state()).isEqualTo(State.MET);
        ClockStatus before = SlaClocks.status(defaults, ackAtOnce, SlaClock.RESOLUTION, t0.plus(Duration.ofMinutes(30)));
        assertThat(before.state()).isEqualTo(State.RUNNING);
        assertThat(before.elapsed()).isEqualTo(Duration.ofMinutes(30));
    }
}
