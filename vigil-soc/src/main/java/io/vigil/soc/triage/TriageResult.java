package io.vigil.soc.triage;

import io.vigil.soc.incident.Alert;
import io.vigil.soc.incident.Incident;

/** What triage did with one signal. */
public sealed interface TriageResult {

    /** Matched an active suppression: counted, not turned into an alert. */
    record Suppressed(Suppression suppression) implements TriageResult {
    }

    /** Already part of the incident (a journal replay): nothing changed. */
    record Duplicate(Incident incident) implements TriageResult {
    }

    /** Joined an open incident, as a new alert or a repeat raising a count. */
    record Grouped(Incident incident, Alert alert) implements TriageResult {
    }

    /** Opened a new incident. */
    record Opened(Incident incident) implements TriageResult {
    }

    /** Tipped the asset over the roll-up threshold: the low-priority incidents became one roll-up incident. */
    record RolledUp(Incident rollup, int absorbed) implements TriageResult {
    }
}
