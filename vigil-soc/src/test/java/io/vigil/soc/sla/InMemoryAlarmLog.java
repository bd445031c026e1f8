package io.vigil.soc.sla;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.ClockAlarm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The alarm log in memory, for the scheduler's logic; the JDBC one is tested across restarts in vigil-store. */
final class InMemoryAlarmLog implements AlarmLog {

    private final List<RaisedAlarm> alarms = new ArrayList<>();

    private static boolean same(ClockAlarm a, ClockAlarm b) {
        return a.tenant().equals(b.tenant()) && a.incidentId().equals(b.incidentId()) && a.clock().equals(b.clock())
                && a.stage() == b.stage();
    }

    @Override
    public synchronized boolean claim(ClockAlarm alarm, int permille) {
        if (alarms.stream().anyMatch(r -> same(r.alarm(), alarm) && r.permille() == permille)) {
            return false;
        }
        return alarms.add(new RaisedAlarm(alarm, permille, null));
    }

    @Override
    public synchronized void delivered(ClockAlarm alarm, int permille, Instant at) {
        alarms.replaceAll(r -> same(r.alarm(), alarm) && r.permille() == permille ? new RaisedAlarm(r.alarm(), permille, at) : r);
    }

    @Override
    public synchronized List<RaisedAlarm> undelivered() {
        return alarms.stream().filter(r -> r.deliveredAt() == null).toList();
    }

    @Override
    public synchronized List<RaisedAlarm> list(TenantId tenant, UUID incidentId) {
        return new ArrayList<>(alarms.stream().filter(r -> r.alarm().tenant().equals(tenant)
                && r.alarm().incidentId().equals(incidentId)).toList());
    }
}
