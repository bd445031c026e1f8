package io.vigil.server.soc.sla;

import io.vigil.soc.regulatory.DraftField;
import io.vigil.soc.regulatory.StepStatus;
import io.vigil.soc.sla.ClockStatus;
import io.vigil.soc.sla.Durations;
import io.vigil.soc.sla.IncidentClocks;
import io.vigil.soc.sla.RaisedAlarm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** How clocks look in the API: codes in lower case, durations as ISO-8601 with a readable text beside. */
final class ClockViews {

    private ClockViews() {
    }

    record IncidentClocksView(UUID incidentId, String priority, String state, Instant at, Instant nextDue,
                              List<SlaClockView> sla, List<RegulatoryView> regulatory, List<AlarmView> alarms) {
    }

    /** @param fraction elapsed over target, rounded to thousandths */
    record SlaClockView(String clock, String state, Duration target, Duration elapsed, Duration remaining,
                        double fraction, String elapsedText, Duration paused, Instant dueAt, Instant stoppedAt,
                        List<WarningView> warnings, String cause) {
    }

    record WarningView(double fraction, Instant at, boolean reached) {
    }

    record RegulatoryView(String regime, Instant awareAt, Instant startedAt, String startedBy, List<StepView> steps) {
    }

    record StepView(String step, String clock, String state, Instant windowStart, Instant dueAt, String dueRule,
                    List<Instant> reminders, Map<String, String> draft, List<String> missing, Instant submittedAt,
                    String submittedBy, List<DraftField> fields) {
    }

    record AlarmView(String clock, String stage, double fraction, Instant dueAt, Instant raisedAt, String message,
                     Instant deliveredAt) {
    }

    static IncidentClocksView of(IncidentClocks clocks, List<RaisedAlarm> alarms) {
        return new IncidentClocksView(clocks.incidentId(), clocks.priority().name(), clocks.state().code(), clocks.at(),
                clocks.nextDue(), clocks.sla().stream().map(ClockViews::of).toList(),
                clocks.regulatory().stream().map(ClockViews::of).toList(), alarms.stream().map(ClockViews::of).toList());
    }

    static SlaClockView of(ClockStatus s) {
        return new SlaClockView(s.clock().code(), code(s.state()), s.target(), s.elapsed(), s.remaining(),
                Math.round(s.fraction() * 1000) / 1000.0, Durations.text(s.elapsed()), s.paused(), s.dueAt(), s.stoppedAt(),
                s.warnings().stream().map(w -> new WarningView(w.permille() / 1000.0, w.at(), w.reached())).toList(), s.cause());
    }

    static RegulatoryView of(IncidentClocks.Regulatory r) {
        return new RegulatoryView(r.regime().code(), r.awareAt(), r.startedAt(), r.startedBy(),
                r.steps().stream().map(ClockViews::of).toList());
    }

    static StepView of(StepStatus s) {
        return new StepView(s.step().code(), s.step().clock(), code(s.state()), s.windowStart(), s.dueAt(), s.dueRule(),
                s.reminders(), s.draft(), s.missing(), s.submittedAt(), s.submittedBy(), s.step().fields());
    }

    static AlarmView of(RaisedAlarm r) {
        return new AlarmView(r.alarm().clock(), code(r.alarm().stage()), r.alarm().fraction(), r.alarm().dueAt(),
                r.alarm().raisedAt(), r.alarm().message(), r.deliveredAt());
    }

    static String code(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
