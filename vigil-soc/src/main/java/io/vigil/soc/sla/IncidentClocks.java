package io.vigil.soc.sla;

import io.vigil.soc.IncidentState;
import io.vigil.soc.Priority;
import io.vigil.soc.contract.Contract;
import io.vigil.soc.regulatory.Regime;
import io.vigil.soc.regulatory.RegulatoryClock;
import io.vigil.soc.regulatory.RegulatoryDeadlines;
import io.vigil.soc.regulatory.StepStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Every clock of one incident side by side: the contract's SLA clocks and the regulatory deadlines, with the next
 * deadline of all. What the incident views show; a pure function of its inputs.
 *
 * @param nextDue the earliest deadline still ahead (a running SLA clock's due instant or a pending report's), or null
 */
public record IncidentClocks(UUID incidentId, Priority priority, IncidentState state, Instant at, List<ClockStatus> sla,
                             List<Regulatory> regulatory, Instant nextDue) {

    /** One regulatory clock with its steps. */
    public record Regulatory(Regime regime, Instant awareAt, Instant startedAt, String startedBy, List<StepStatus> steps) {
    }

    public static IncidentClocks of(Contract contract, SlaSubject subject, List<RegulatoryClock> clocks,
                                    List<Integer> reminderPermille, Instant now) {
        List<ClockStatus> sla = SlaClocks.status(contract, subject, now);
        Instant handledAt = subject.finishedAt().orElse(null);
        List<Regulatory> regulatory = new ArrayList<>();
        for (RegulatoryClock clock : clocks) {
            regulatory.add(new Regulatory(clock.regime(), clock.awareAt(), clock.startedAt(), clock.startedBy(),
                    RegulatoryDeadlines.steps(clock, handledAt, now, reminderPermille)));
        }
        Instant next = null;
        for (ClockStatus status : sla) {
            if (status.state() == ClockStatus.State.RUNNING && status.dueAt() != null && status.dueAt().isAfter(now)) {
                next = earlier(next, status.dueAt());
            }
        }
        for (Regulatory r : regulatory) {
            for (StepStatus step : r.steps()) {
                if (step.state() == StepStatus.State.OPEN) {
                    next = earlier(next, step.dueAt());
                }
            }
        }
        return new IncidentClocks(subject.incidentId(), subject.priority(), subject.state(), now, sla, regulatory, next);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }
}
