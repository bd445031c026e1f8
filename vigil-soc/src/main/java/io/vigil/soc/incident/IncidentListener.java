package io.vigil.soc.incident;

import io.vigil.soc.ClockAlarm;
import io.vigil.soc.contract.Contact;

/** What notifications hear of incidents. Called after the change is stored; must not throw. */
public interface IncidentListener {

    IncidentListener NONE = new IncidentListener() {
    };

    default void opened(Incident incident) {
    }

    /** The incident moved up a tier ({@link Incident#escalationStep()} already counts it). */
    default void escalated(Incident incident, String reason) {
    }

    /** A step of the contract's escalation chain names this client contact, who is to be told. */
    default void contactEscalated(Incident incident, Contact contact, String reason) {
    }

    /** An SLA or regulatory clock of the incident warned or breached. */
    default void alarm(Incident incident, ClockAlarm alarm) {
    }
}
