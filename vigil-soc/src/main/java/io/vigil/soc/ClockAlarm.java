package io.vigil.soc;

import io.vigil.core.tenant.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A clock of an incident reached a warning threshold, its deadline, or was met: what the scheduler raises
 * exactly once per (incident, clock, stage, threshold) and what notifications and escalation act on.
 *
 * @param clock     which clock: {@code response}, {@code resolution}, {@code nis2-early-warning},
 *                  {@code nis2-notification}, {@code nis2-final-report}, {@code gdpr-notification}
 * @param stage     warning (at a configured fraction of the target) or breach (deadline passed)
 * @param fraction  the fraction of the target elapsed when raised (e.g. 0.75; 1.0 for a breach)
 */
public record ClockAlarm(TenantId tenant, UUID incidentId, String clock, Stage stage, double fraction,
                         Instant dueAt, Instant raisedAt, String message) {

    /** How far a clock has run. */
    public enum Stage {
        WARNING, BREACH
    }

    public ClockAlarm {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(raisedAt, "raisedAt");
        Objects.requireNonNull(message, "message");
    }

    /** Receives alarms; notifications and automatic escalation implement it. */
    @FunctionalInterface
    public interface Listener {
        void onAlarm(ClockAlarm alarm);
    }
}
