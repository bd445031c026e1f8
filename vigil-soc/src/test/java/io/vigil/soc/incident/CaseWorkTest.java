package io.vigil.soc.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.ClockAlarm;
import io.vigil.soc.IncidentState;
import io.vigil.soc.InMemorySoc;
import io.vigil.soc.Priority;
import io.vigil.soc.StateChange;
import io.vigil.soc.Tier;
import io.vigil.testkit.FakeClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CaseWorkTest {

    static final TenantId TENANT = new TenantId(UUID.fromString("00000000-0000-4000-8000-000000000001"));
    static final TenantId OTHER = new TenantId(UUID.fromString("00000000-0000-4000-8000-000000000002"));

    final FakeClock clock = FakeClock.at("2026-03-02T10:00:00Z");
    final InMemorySoc soc = new InMemorySoc();
    final List<String> heard = new ArrayList<>();
    final IncidentListener listener = new IncidentListener() {
        @Override
        public void escalated(Incident incident, String reason) {
            heard.add("escalated " + incident.tier() + ": " + reason);
        }

        @Override
        public void alarm(Incident incident, ClockAlarm alarm) {
            heard.add("alarm " + alarm.clock() + " " + alarm.stage());
        }
    };
    final CaseWork work = new CaseWork(soc.incidents, soc.attachments, EscalationPolicy.DEFAULTS, listener, clock, 1024);

    Incident incident(Priority priority) {
        return soc.incidents.insert(TENANT, Incident.open(UUID.randomUUID(), TENANT, "Test incident", priority, "test",
                EscalationPolicy.DEFAULTS.initialTier(priority), "manual", "manual|" + UUID.randomUUID(), clock.instant(),
                clock.instant().minusSeconds(60)).build());
    }

    @Test
    void everyChangeIsInTheTimelineAndStateChangesInTheHistory() {
        Incident i = incident(Priority.P2);
        clock.advance(Duration.ofMinutes(5));
        work.acknowledge(TENANT, i.id(), "alice");
        work.changeState(TENANT, i.id(), "alice", IncidentState.INVESTIGATING, "looking");
        work.addNote(TENANT, i.id(), "alice", "found a scheduled task");
        Incident withTask = work.addTask(TENANT, i.id(), "alice", "collect memory image");
        work.completeTask(TENANT, i.id(), "bob", withTask.tasks().getFirst().id());
        work.addObservable(TENANT, i.id(), "alice", new Observable("ip", "203.0.113.7"));
        work.addTechnique(TENANT, i.id(), "alice", "T1053.005");
        work.assign(TENANT, i.id(), "alice", "bob");
        work.attach(TENANT, i.id(), "bob", "notes.txt", "text/plain", "evidence".getBytes(StandardCharsets.UTF_8));
        clock.advance(Duration.ofMinutes(10));
        Incident done = work.changeState(TENANT, i.id(), "bob", IncidentState.RESOLVED, "cleaned");

        assertThat(done.assignee()).isEqualTo("bob");
        assertThat(done.tasks().getFirst().done()).isTrue();
        assertThat(done.observables()).containsExactly(new Observable("ip", "203.0.113.7"));
        assertThat(done.techniques()).contains("T1053.005");
        assertThat(done.attachments().getFirst().size()).isEqualTo(8);
        assertThat(soc.attachments.content(TENANT, i.id(), done.attachments().getFirst().id())).isPresent();
        assertThat(done.timeline()).extracting(TimelineEntry::action).containsExactly("created", "state", "assign",
                "state", "note", "task", "task", "observable", "technique", "assign", "attachment", "state");
        assertThat(done.history()).containsExactly(
                new StateChange(clock.instant().minus(Duration.ofMinutes(15)), null, IncidentState.NEW),
                new StateChange(clock.instant().minus(Duration.ofMinutes(10)), IncidentState.NEW, IncidentState.ACKNOWLEDGED),
                new StateChange(clock.instant().minus(Duration.ofMinutes(10)), IncidentState.ACKNOWLEDGED, IncidentState.INVESTIGATING),
                new StateChange(clock.instant(), IncidentState.INVESTIGATING, IncidentState.RESOLVED));
    }

    @Test
    void refusesWhatMakesNoSense() {
        Incident i = incident(Priority.P3);
        assertThatThrownBy(() -> work.attach(TENANT, i.id(), "a", "big.bin", null, new byte[1025]))
                .hasMessageContaining("at most 1024");
        assertThatThrownBy(() -> work.addTechnique(TENANT, i.id(), "a", "lateral movement"))
                .hasMessageContaining("ATT&CK id");
        assertThatThrownBy(() -> work.get(OTHER, i.id())).isInstanceOf(IncidentNotFoundException.class);
        work.changeState(TENANT, i.id(), "a", IncidentState.CLOSED, "dup");
        assertThatThrownBy(() -> work.changeState(TENANT, i.id(), "a", IncidentState.CONTAINED, null))
                .hasMessageContaining("reopened");
        assertThatThrownBy(() -> work.changeState(TENANT, i.id(), "a", IncidentState.NEW, null))
                .hasMessageContaining("cannot return to new");
        assertThat(work.changeState(TENANT, i.id(), "a", IncidentState.INVESTIGATING, "reopened").state())
                .isEqualTo(IncidentState.INVESTIGATING);
    }

    @Test
    void escalatesByTimeInTierExceptWhileWaitingOnTheClient() {
        Incident p1 = incident(Priority.P1);
        Incident p3 = incident(Priority.P3);
        Incident waiting = incident(Priority.P1);
        work.changeState(TENANT, waiting.id(), "a", IncidentState.WAITING_ON_CLIENT, "asked for logs");
        assertThat(p1.tier()).isEqualTo(Tier.T2);
        clock.advance(Duration.ofMinutes(29));
        assertThat(work.escalateOverdue(100)).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(work.escalateOverdue(100)).extracting(Incident::id).containsExactly(p1.id());
        Incident escalated = work.get(TENANT, p1.id());
        assertThat(escalated.tier()).isEqualTo(Tier.T3);
        assertThat(escalated.escalationStep()).isEqualTo(1);
        assertThat(escalated.tierSince()).isEqualTo(clock.instant());
        assertThat(heard).containsExactly("escalated T3: more than PT30M in T2 at P1");
        clock.advance(Duration.ofHours(8));
        assertThat(work.escalateOverdue(100)).extracting(Incident::id).containsExactlyInAnyOrder(p1.id(), p3.id());
        assertThat(work.get(TENANT, waiting.id()).tier()).isEqualTo(Tier.T2);
        assertThat(work.get(TENANT, p1.id()).tier()).isEqualTo(Tier.T4);
        assertThatThrownBy(() -> work.escalate(TENANT, p1.id(), "lead", null)).hasMessageContaining("already at T4");
    }

    @Test
    void slaAlarmsNotifyAndABreachEscalates() {
        Incident i = incident(Priority.P2);
        AlarmRouter router = new AlarmRouter(work, soc.incidents, listener);
        router.onAlarm(new ClockAlarm(TENANT, i.id(), "resolution", ClockAlarm.Stage.WARNING, 0.75,
                clock.instant().plusSeconds(900), clock.instant(), "75% of the resolution target"));
        assertThat(work.get(TENANT, i.id()).tier()).isEqualTo(Tier.T1);
        router.onAlarm(new ClockAlarm(TENANT, i.id(), "resolution", ClockAlarm.Stage.BREACH, 1.0,
                clock.instant(), clock.instant(), "resolution target missed"));
        Incident after = work.get(TENANT, i.id());
        assertThat(after.tier()).isEqualTo(Tier.T2);
        assertThat(after.timeline().getLast().detail()).contains("SLA risk: resolution breach");
        assertThat(heard).containsExactly("alarm resolution WARNING", "alarm resolution BREACH",
                "escalated T2: SLA risk: resolution breach at 100%, due " + clock.instant());
        // a warning of the response clock of an incident nobody acknowledged is SLA risk too
        Incident fresh = incident(Priority.P3);
        router.onAlarm(new ClockAlarm(TENANT, fresh.id(), "response", ClockAlarm.Stage.WARNING, 0.75,
                clock.instant().plusSeconds(60), clock.instant(), "75% of the response target"));
        assertThat(work.get(TENANT, fresh.id()).tier()).isEqualTo(Tier.T2);
        // another tenant's incident id does nothing
        router.onAlarm(new ClockAlarm(OTHER, i.id(), "resolution", ClockAlarm.Stage.BREACH, 1.0,
                clock.instant(), clock.instant(), "x"));
        assertThat(work.get(TENANT, i.id()).tier()).isEqualTo(Tier.T2);
    }

    @Test
    void aFalsePositiveNeedsAReason() {
        Incident i = soc.incidents.insert(TENANT, Incident.open(UUID.randomUUID(), TENANT, "t", Priority.P3, "r", Tier.T1,
                "detection", "g", clock.instant(), clock.instant()).alert(new Alert(UUID.randomUUID(), "r1", "Rule",
                "low", java.util.Map.of(), 1, clock.instant(), clock.instant(), List.of(), List.of(), Priority.P3, "r",
                null, null, null)).build());
        UUID alert = i.alerts().getFirst().id();
        assertThatThrownBy(() -> work.dispose(TENANT, i.id(), "a", alert, Disposition.FALSE_POSITIVE, " "))
                .hasMessageContaining("needs a reason");
        Incident after = work.dispose(TENANT, i.id(), "a", alert, Disposition.FALSE_POSITIVE, "test account");
        assertThat(after.alerts().getFirst().disposition()).isEqualTo(Disposition.FALSE_POSITIVE);
        assertThat(after.alerts().getFirst().dispositionReason()).isEqualTo("test account");
    }
}
