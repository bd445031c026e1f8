package io.vigil.soc.regulatory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The deadlines of a regulatory clock, as pure functions (semantics in docs/sla.md):
 * <ul>
 *   <li>NIS-2 early warning: 24 hours after awareness; incident notification: 72 hours after awareness;</li>
 *   <li>NIS-2 final report: one month after the incident notification was submitted (after its deadline while it
 *       is not); when the incident is still being handled at that date, a progress report is due then instead and
 *       the final report one month after the incident was handled;</li>
 *   <li>GDPR notification: 72 hours after awareness.</li>
 * </ul>
 * Hours are real elapsed time (no business calendar); a month is a calendar month in UTC (31 January + 1 month =
 * 28 or 29 February).
 */
public final class RegulatoryDeadlines {

    public static final Duration EARLY_WARNING = Duration.ofHours(24);
    public static final Duration NOTIFICATION = Duration.ofHours(72);

    private RegulatoryDeadlines() {
    }

    /**
     * @param handledAt when the incident was resolved or closed (it is now), or null while it is being handled
     * @param reminderPermille when reminders fall, in thousandths of each step's window
     */
    public static List<StepStatus> steps(RegulatoryClock clock, Instant handledAt, Instant now, List<Integer> reminderPermille) {
        Instant aware = clock.awareAt();
        List<StepStatus> steps = new ArrayList<>();
        if (clock.regime() == Regime.GDPR) {
            steps.add(status(clock, Step.GDPR_NOTIFICATION, aware, aware.plus(NOTIFICATION),
                    "72 hours after awareness (Art. 33(1))", now, reminderPermille));
            return steps;
        }
        steps.add(status(clock, Step.NIS2_EARLY_WARNING, aware, aware.plus(EARLY_WARNING),
                "24 hours after awareness (Art. 23(4)(a))", now, reminderPermille));
        steps.add(status(clock, Step.NIS2_NOTIFICATION, aware, aware.plus(NOTIFICATION),
                "72 hours after awareness (Art. 23(4)(b))", now, reminderPermille));
        Instant notified = clock.submittedAt(Step.NIS2_NOTIFICATION).orElse(null);
        Instant finalDue = plusMonth(notified != null ? notified : aware.plus(NOTIFICATION));
        String finalRule = notified != null ? "one month after the incident notification was submitted (Art. 23(4)(d))"
                : "one month after the incident notification, counted from its deadline until it is submitted (Art. 23(4)(d))";
        boolean handledInTime = handledAt != null && !handledAt.isAfter(finalDue);
        Instant finalReported = clock.submittedAt(Step.NIS2_FINAL_REPORT).orElse(null);
        boolean reportedInTime = finalReported != null && !finalReported.isAfter(finalDue);
        if ((handledInTime || reportedInTime) && clock.submittedAt(Step.NIS2_PROGRESS_REPORT).isEmpty()) {
            steps.add(fixed(clock, Step.NIS2_PROGRESS_REPORT, StepStatus.State.NOT_REQUIRED, aware, null,
                    "not required: the incident was handled, or the final report submitted, before the final report was due"));
        } else {
            steps.add(status(clock, Step.NIS2_PROGRESS_REPORT, aware, finalDue,
                    "instead of the final report while the incident is ongoing, when that was due (Art. 23(4)(e))", now,
                    reminderPermille));
        }
        if (handledInTime) {
            steps.add(status(clock, Step.NIS2_FINAL_REPORT, aware, finalDue, finalRule, now, reminderPermille));
        } else if (handledAt != null) {
            steps.add(status(clock, Step.NIS2_FINAL_REPORT, handledAt, plusMonth(handledAt),
                    "one month after the incident was handled, since it outlasted the first deadline (Art. 23(4)(e))", now,
                    reminderPermille));
        } else if (finalReported != null) {
            steps.add(status(clock, Step.NIS2_FINAL_REPORT, aware, finalDue, finalRule, now, reminderPermille));
        } else {
            steps.add(fixed(clock, Step.NIS2_FINAL_REPORT, StepStatus.State.WAITING, aware, null,
                    "one month after the incident is handled, or " + finalDue + " if it is handled by then (Art. 23(4)(d), (e))"));
        }
        return steps;
    }

    /** A calendar month later, in UTC. */
    public static Instant plusMonth(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).plusMonths(1).toInstant();
    }

    private static StepStatus status(RegulatoryClock clock, Step step, Instant start, Instant due, String rule, Instant now,
                                     List<Integer> reminderPermille) {
        StepRecord written = clock.steps().get(step);
        Instant submitted = written == null ? null : written.submittedAt();
        StepStatus.State state = submitted != null
                ? (submitted.isAfter(due) ? StepStatus.State.SUBMITTED_LATE : StepStatus.State.SUBMITTED)
                : now.isAfter(due) ? StepStatus.State.OVERDUE : StepStatus.State.OPEN;
        List<Instant> reminders = new ArrayList<>();
        Duration window = Duration.between(start, due);
        for (int permille : reminderPermille) {
            reminders.add(start.plus(window.multipliedBy(permille).dividedBy(1000)));
        }
        Map<String, String> draft = written == null ? Map.of() : written.draft();
        List<String> missing = new ArrayList<>(step.missing(draft));
        if (step == Step.GDPR_NOTIFICATION && (submitted == null ? now : submitted).isAfter(due)
                && draft.getOrDefault("delayReasons", "").isBlank()) {
            missing.add("delayReasons");
        }
        return new StepStatus(step, state, start, due, rule, reminders, draft, missing, submitted,
                written == null ? null : written.submittedBy());
    }

    private static StepStatus fixed(RegulatoryClock clock, Step step, StepStatus.State state, Instant start, Instant due,
                                    String rule) {
        StepRecord written = clock.steps().get(step);
        Map<String, String> draft = written == null ? Map.of() : written.draft();
        return new StepStatus(step, state, start, due, rule, List.of(), draft, step.missing(draft), null, null);
    }
}
