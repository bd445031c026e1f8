package io.vigil.soc.sla;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.ClockAlarm;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The persisted record of raised clock alarms, which makes the scheduler raise each alarm once across restarts and
 * across processes: an alarm is raised by whoever records it first. The store implements it.
 */
public interface AlarmLog {

    /**
     * Records the alarm unless one with the same (tenant, incident, clock, stage, permille) exists.
     *
     * @return true when this call recorded it (the caller then delivers it), false when it was raised before
     */
    boolean claim(ClockAlarm alarm, int permille);

    /** Notes that the alarm's listeners were called. */
    void delivered(ClockAlarm alarm, int permille, Instant at);

    /**
     * Alarms recorded but never delivered (the process stopped in between), of every tenant: the scheduler delivers
     * them at its next round.
     */
    List<RaisedAlarm> undelivered();

    /** An incident's alarms, oldest first. */
    List<RaisedAlarm> list(TenantId tenant, UUID incidentId);
}
