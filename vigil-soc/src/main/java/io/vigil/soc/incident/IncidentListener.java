package io.vigil.soc.incident;

import io.vigil.soc.ClockAlarm;

/** What notifications hear of incidents. Called after the change is stored; must not throw. */
public interface IncidentListener {

    IncidentListener NONE = new IncidentListener() {
    };

    default void opened(Incident incident) {
    }

    /** The incident moved up a tier ({@link Incident#escalationStep()} already counts it). */
    default void escalated(Incident incident, String reason) {
    }

    /** An SLA or regulatory clock of the incident warned or breached. */
    default void alarm(Incident incident, ClockAlarm alarm) {
    }
}
