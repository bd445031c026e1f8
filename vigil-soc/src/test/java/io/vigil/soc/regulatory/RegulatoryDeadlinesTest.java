package io.vigil.soc.regulatory;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.regulatory.StepStatus.State;
import io.vigil.testkit.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RegulatoryDeadlinesTest {

    private final FakeClock clock = FakeClock.at("2025-01-30T09:00:00Z");
    private final InMemoryRegulatoryClocks clocks = new InMemoryRegulatoryClocks(clock);
    private final TenantId tenant = TenantId.random();
    private final UUID incident = UUID.randomUUID();
    private final Instant aware = Instant.parse("2025-01-29T21:30:00Z");

    private List<StepStatus> steps(Regime regime, Instant handledAt) {
        return RegulatoryDeadlines.steps(clocks.find(tenant, incident, regime).orElseThrow(), handledAt, clock.instant(),
                List.of(500, 750));
    }

    private StepStatus step(Regime regime, Step step, Instant handledAt) {
        return steps(regime, handledAt).stream().filter(s -> s.step() == step).findFirst().orElseThrow();
    }

    private void submit(Step step, Map<String, String> draft) {
        clocks.saveDraft(tenant, incident, step, draft, "ciso");
        clocks.submit(tenant, incident, step, clock.instant(), "ciso");
    }

    @Test
    void nis2DeadlinesRunFromAwarenessNotFromTheStartOfTheClock() {
        clocks.start(tenant, incident, Regime.NIS2, aware, "soc-manager");

        List<StepStatus> steps = steps(Regime.NIS2, null);

        assertThat(steps).extracting(s -> s.step().code()).containsExactly("early-warning", "notification",
                "progress-report", "final-report");
        assertThat(steps.get(0).dueAt()).isEqualTo(Instant.parse("2025-01-30T21:30:00Z"));
        assertThat(steps.get(0).reminders()).containsExactly(Instant.parse("2025-01-30T09:30:00Z"),
                Instant.parse("2025-01-30T15:30:00Z"));
        assertThat(steps.get(1).dueAt()).isEqualTo(Instant.parse("2025-02-01T21:30:00Z"));
        assertThat(steps.get(2).dueAt()).as("a month after the notification deadline while not submitted")
                .isEqualTo(Instant.parse("2025-03-01T21:30:00Z"));
        assertThat(steps.get(3).state()).isEqualTo(State.WAITING);
        assertThat(steps.get(3).dueAt()).isNull();
        assertThat(steps.get(0).missing()).containsExactly("suspectedMalicious", "crossBorderImpact");
    }

    @Test
    void theFinalReportIsDueAMonthAfterTheNotificationWasSubmittedClampedToTheMonthEnd() {
        clocks.start(tenant, incident, Regime.NIS2, aware, "soc-manager");
        clock.set(Instant.parse("2025-01-31T10:00:00Z"));
        submit(Step.NIS2_NOTIFICATION, Map.of("initialAssessment", "ransomware on two file servers", "severity", "high",
                "impact", "file shares of one site offline"));

        StepStatus handled = step(Regime.NIS2, Step.NIS2_FINAL_REPORT, Instant.parse("2025-02-10T00:00:00Z"));

        assertThat(handled.dueAt()).isEqualTo(Instant.parse("2025-02-28T10:00:00Z"));
        assertThat(handled.state()).isEqualTo(State.OPEN);
        assertThat(step(Regime.NIS2, Step.NIS2_PROGRESS_REPORT, Instant.parse("2025-02-10T00:00:00Z")).state())
                .isEqualTo(State.NOT_REQUIRED);
        assertThat(step(Regime.NIS2, Step.NIS2_NOTIFICATION, null).state()).isEqualTo(State.SUBMITTED);
        assertThat(step(Regime.NIS2, Step.NIS2_EARLY_WARNING, null).state()).isEqualTo(State.OVERDUE);
    }

    @Test
    void anIncidentStillOngoingAtTheFinalDeadlineOwesAProgressReportThenAndTheFinalReportAMonthAfterItEnds() {
        clocks.start(tenant, incident, Regime.NIS2, aware, "soc-manager");
        clock.set(Instant.parse("2025-03-05T00:00:00Z"));

        assertThat(step(Regime.NIS2, Step.NIS2_PROGRESS_REPORT, null).state()).isEqualTo(State.OVERDUE);
        Instant handled = Instant.parse("2025-03-20T12:00:00Z");
        clock.set(handled.plus(Duration.ofDays(1)));
        StepStatus finalReport = step(Regime.NIS2, Step.NIS2_FINAL_REPORT, handled);
        assertThat(finalReport.dueAt()).isEqualTo(Instant.parse("2025-04-20T12:00:00Z"));
        assertThat(finalReport.windowStart()).isEqualTo(handled);
        assertThat(finalReport.dueRule()).contains("after the incident was handled");
    }

    @Test
    void gdprNotificationWithin72HoursNeedsReasonsWhenLate() {
        clocks.start(tenant, incident, Regime.GDPR, aware, "dpo");
        Map<String, String> draft = Map.of("nature", "mailbox exfiltration", "contactPoint", "dpo@example.org",
                "likelyConsequences", "phishing of customers", "measures", "passwords reset");
        clocks.saveDraft(tenant, incident, Step.GDPR_NOTIFICATION, draft, "dpo");

        assertThat(step(Regime.GDPR, Step.GDPR_NOTIFICATION, null).missing()).isEmpty();
        assertThat(step(Regime.GDPR, Step.GDPR_NOTIFICATION, null).dueAt()).isEqualTo(aware.plus(Duration.ofHours(72)));
        clock.set(aware.plus(Duration.ofHours(73)));
        StepStatus late = step(Regime.GDPR, Step.GDPR_NOTIFICATION, null);
        assertThat(late.state()).isEqualTo(State.OVERDUE);
        assertThat(late.missing()).containsExactly("delayReasons");
    }

    @Test
    void draftsAreCheckedAgainstTheContentTheRegulationAsksFor() {
        assertThat(Step.NIS2_EARLY_WARNING.problems(Map.of("suspectedMalicious", "maybe", "colour", "red")))
                .containsExactlyInAnyOrder("suspectedMalicious: one of [yes, no, unknown], not 'maybe'",
                        "colour: not part of a nis2-early-warning (fields: [suspectedMalicious, crossBorderImpact, summary, assistanceRequested])");
        assertThat(Step.NIS2_FINAL_REPORT.missing(Map.of("description", "x", "rootCause", " ")))
                .containsExactly("severity", "impact", "threatType", "rootCause", "mitigation");
        assertThat(Step.GDPR_NOTIFICATION.problems(Map.of("nature", "a\u0000b"))).hasSize(1);
    }
}
