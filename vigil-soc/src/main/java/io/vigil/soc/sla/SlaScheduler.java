package io.vigil.soc.sla;

import io.vigil.soc.ClockAlarm;
import io.vigil.soc.contract.Contract;
import io.vigil.soc.contract.Contracts;
import io.vigil.soc.regulatory.RegulatoryClock;
import io.vigil.soc.regulatory.RegulatoryClocks;
import io.vigil.soc.regulatory.RegulatoryDeadlines;
import io.vigil.soc.regulatory.StepStatus;
import java.time.Clock;
import java.time.Instant;
import io.vigil.core.tenant.TenantId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;

/**
 * Evaluates every active incident's SLA clocks and every open regulatory clock, and raises each
 * {@link ClockAlarm} once per (incident, clock, stage, threshold): recorded in the {@link AlarmLog} first, then
 * handed to the listeners, then marked delivered. A round after a restart raises what came due while the
 * process was down (late, never missed) and nothing raised before (the log says so); an alarm recorded but not
 * delivered because the process stopped in between is delivered at the next round. The caller runs
 * {@link #runOnce()} periodically; the class holds no timer so that tests drive it with a fake clock.
 */
public final class SlaScheduler {

    /** The outcome of one round. */
    public record Round(Instant at, List<ClockAlarm> raised, List<String> failures) {
    }

    private final SlaSubjects subjects;
    private final Contracts contracts;
    private final RegulatoryClocks regulatory;
    private final AlarmLog log;
    private final List<ClockAlarm.Listener> listeners;
    private final List<Integer> regulatoryReminders;
    private final Clock clock;

    /**
     * @param regulatoryReminders when regulatory reminders fall, in thousandths of each step's window
     */
    public SlaScheduler(SlaSubjects subjects, Contracts contracts, RegulatoryClocks regulatory, AlarmLog log,
                        List<ClockAlarm.Listener> listeners, List<Integer> regulatoryReminders, Clock clock) {
        this.subjects = Objects.requireNonNull(subjects, "subjects");
        this.contracts = Objects.requireNonNull(contracts, "contracts");
        this.regulatory = Objects.requireNonNull(regulatory, "regulatory");
        this.log = Objects.requireNonNull(log, "log");
        this.listeners = List.copyOf(listeners);
        this.regulatoryReminders = List.copyOf(regulatoryReminders);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One round: redeliver, then evaluate every SLA and regulatory clock. A failing incident does not stop others. */
    public Round runOnce() {
        Instant now = clock.instant();
        List<ClockAlarm> raised = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (RaisedAlarm pending : log.undelivered()) {
            deliver(pending.alarm(), pending.permille(), raised, failures);
        }
        Map<TenantId, Contract> contractOf = new HashMap<>(); // read once per tenant and round
        for (SlaSubject subject : subjects.active()) {
            try {
                Contract contract = contractOf.computeIfAbsent(subject.tenant(), contracts::effective);
                for (ClockStatus status : SlaClocks.status(contract, subject, now)) {
                    evaluate(subject, status, now, raised, failures);
                }
            } catch (RuntimeException e) {
                failures.add("incident " + subject.incidentId() + " of tenant " + subject.tenant() + ": " + e);
            }
        }
        for (RegulatoryClock open : regulatory.open()) {
            try {
                Instant handledAt = subjects.find(open.tenant(), open.incidentId()).flatMap(SlaSubject::finishedAt)
                        .orElse(null);
                for (StepStatus step : RegulatoryDeadlines.steps(open, handledAt, now, regulatoryReminders)) {
                    evaluate(open, step, now, raised, failures);
                }
            } catch (RuntimeException e) {
                failures.add(open.regime().code() + " clock of incident " + open.incidentId() + ": " + e);
            }
        }
        return new Round(now, raised, failures);
    }

    private void evaluate(SlaSubject subject, ClockStatus status, Instant now, List<ClockAlarm> raised, List<String> failures) {
        String name = subject.priority() + " " + status.clock().code() + " clock";
        if (status.stoppedAt() == null && status.dueAt() != null) {
            for (ClockStatus.Warning warning : status.warnings()) {
                if (warning.reached()) {
                    raise(new ClockAlarm(subject.tenant(), subject.incidentId(), status.clock().code(), ClockAlarm.Stage.WARNING,
                            warning.permille() / 1000.0, status.dueAt(), now, name + " has used " + percent(warning.permille())
                            + " of its " + Durations.text(status.target()) + " target; due " + status.dueAt()),
                            warning.permille(), raised, failures);
                }
            }
        }
        if (status.state() == ClockStatus.State.BREACHED) {
            raise(new ClockAlarm(subject.tenant(), subject.incidentId(), status.clock().code(), ClockAlarm.Stage.BREACH,
                    1.0, status.dueAt(), now, "breach: " + status.cause()), 1000, raised, failures);
        }
    }

    private void evaluate(RegulatoryClock open, StepStatus step, Instant now, List<ClockAlarm> raised, List<String> failures) {
        if (!step.pending() || step.dueAt() == null) {
            return;
        }
        String name = step.step().clock() + " report";
        for (int i = 0; i < step.reminders().size(); i++) {
            if (!step.reminders().get(i).isAfter(now)) {
                int permille = regulatoryReminders.get(i);
                raise(new ClockAlarm(open.tenant(), open.incidentId(), step.step().clock(), ClockAlarm.Stage.WARNING,
                        permille / 1000.0, step.dueAt(), now, "reminder: the " + name + " is due " + step.dueAt()
                        + (step.missing().isEmpty() ? "" : "; still missing " + step.missing())), permille, raised, failures);
            }
        }
        if (step.state() == StepStatus.State.OVERDUE) {
            raise(new ClockAlarm(open.tenant(), open.incidentId(), step.step().clock(), ClockAlarm.Stage.BREACH, 1.0,
                    step.dueAt(), now, "overdue: the " + name + " was due " + step.dueAt() + " (" + step.dueRule()
                    + ") and is not submitted; escalate"), 1000, raised, failures);
        }
    }

    private void raise(ClockAlarm alarm, int permille, List<ClockAlarm> raised, List<String> failures) {
        if (log.claim(alarm, permille)) {
            deliver(alarm, permille, raised, failures);
        }
    }

    private void deliver(ClockAlarm alarm, int permille, List<ClockAlarm> raised, List<String> failures) {
        for (ClockAlarm.Listener listener : listeners) {
            try {
                listener.onAlarm(alarm);
            } catch (RuntimeException e) {
                failures.add("listener " + listener + " refused " + alarm.clock() + " " + alarm.stage() + " of incident "
                        + alarm.incidentId() + ": " + e);
            }
        }
        log.delivered(alarm, permille, clock.instant());
        raised.add(alarm);
    }

    private static String percent(int permille) {
        return permille % 10 == 0 ? permille / 10 + " %" : permille / 10.0 + " %";
    }
}
