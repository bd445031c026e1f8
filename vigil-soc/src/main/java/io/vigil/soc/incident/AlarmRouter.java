package io.vigil.soc.incident;

import io.vigil.soc.ClockAlarm;
import java.util.Objects;
import java.util.Optional;

/**
 * Routes SLA and regulatory clock alarms: every alarm goes to notifications; a breach, and a warning of the response
 * clock of an incident nobody acknowledged, also escalate the incident one tier (the SLA-risk escalation).
 */
public final class AlarmRouter implements ClockAlarm.Listener {

    private final CaseWork work;
    private final Incidents incidents;
    private final IncidentListener listener;

    public AlarmRouter(CaseWork work, Incidents incidents, IncidentListener listener) {
        this.work = Objects.requireNonNull(work, "work");
        this.incidents = Objects.requireNonNull(incidents, "incidents");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    @Override
    public void onAlarm(ClockAlarm alarm) {
        Optional<Incident> found = incidents.find(alarm.tenant(), alarm.incidentId());
        if (found.isEmpty()) {
            return;
        }
        Incident incident = found.get();
        listener.alarm(incident, alarm);
        boolean unacknowledgedResponse = alarm.clock().equals("response")
                && incident.state() == io.vigil.soc.IncidentState.NEW;
        if (!incident.state().isFinished() && incident.tier() != io.vigil.soc.Tier.T4
                && (alarm.stage() == ClockAlarm.Stage.BREACH || unacknowledgedResponse)) {
            work.escalate(alarm.tenant(), alarm.incidentId(), CaseWork.SYSTEM, "SLA risk: " + alarm.clock() + " "
                    + alarm.stage().name().toLowerCase(java.util.Locale.ROOT) + " at "
                    + Math.round(alarm.fraction() * 100) + "%, due " + alarm.dueAt());
        }
    }
}
