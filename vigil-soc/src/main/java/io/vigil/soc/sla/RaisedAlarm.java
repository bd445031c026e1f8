package io.vigil.soc.sla;

import io.vigil.soc.ClockAlarm;
import java.time.Instant;
import java.util.Objects;

/**
 * An alarm as the alarm log keeps it.
 *
 * @param permille    the threshold it was raised for, in thousandths (1000 for a breach): with the incident, clock
 *                    and stage it identifies the alarm, which is raised once
 * @param deliveredAt when the listeners were called, null if the process stopped between recording and calling them
 */
public record RaisedAlarm(ClockAlarm alarm, int permille, Instant deliveredAt) {

    public RaisedAlarm {
        Objects.requireNonNull(alarm, "alarm");
    }
}
