package io.vigil.store.soc.sla;

import io.vigil.core.tenant.TenantId;
import io.vigil.soc.ClockAlarm;
import io.vigil.soc.sla.AlarmLog;
import io.vigil.soc.sla.RaisedAlarm;
import io.vigil.store.CrossTenant;
import io.vigil.store.Dialect;
import io.vigil.store.Jdbc;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The alarm log in {@code sla_alarm} (migration V17). {@link #claim} is one idempotent insert on the unique key
 * (tenant, incident, clock, stage, permille), so of any number of processes and restarts exactly one raises an alarm.
 */
public final class JdbcAlarmLog implements AlarmLog {

    private static final int MAX_MESSAGE = 2000;
    private static final int MAX_UNDELIVERED = 1000;
    private static final String COLUMNS = "tenant_id, incident_id, clock, stage, permille, fraction, due_at, raised_at, "
            + "message, delivered_at";

    private final DataSource dataSource;
    private final String insert;

    public JdbcAlarmLog(DataSource dataSource, Dialect dialect) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.insert = dialect.insertIgnoringDuplicates("sla_alarm", List.of("tenant_id", "incident_id", "clock", "stage",
                "permille", "fraction", "due_at", "raised_at", "message"), "tenant_id, incident_id, clock, stage, permille");
    }

    @Override
    @CrossTenant("the alarm carries its tenant; the scheduler serves every tenant")
    public boolean claim(ClockAlarm alarm, int permille) {
        return Jdbc.withConnection(dataSource, "recording a " + alarm.clock() + " alarm", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(insert)) {
                statement.setObject(1, alarm.tenant().value());
                statement.setObject(2, alarm.incidentId());
                statement.setString(3, alarm.clock());
                statement.setString(4, alarm.stage().name());
                statement.setInt(5, permille);
                statement.setDouble(6, alarm.fraction());
                statement.setObject(7, Jdbc.timestamp(alarm.dueAt()));
                statement.setObject(8, Jdbc.timestamp(alarm.raisedAt()));
                String message = Jdbc.text(alarm.message());
                statement.setString(9, message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message);
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    @CrossTenant("the alarm carries its tenant; the scheduler serves every tenant")
    public void delivered(ClockAlarm alarm, int permille, Instant at) {
        Jdbc.withConnection(dataSource, "marking a " + alarm.clock() + " alarm delivered", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE sla_alarm SET delivered_at = ? "
                    + "WHERE tenant_id = ? AND incident_id = ? AND clock = ? AND stage = ? AND permille = ?")) {
                update.setObject(1, Jdbc.timestamp(at));
                update.setObject(2, alarm.tenant().value());
                update.setObject(3, alarm.incidentId());
                update.setString(4, alarm.clock());
                update.setString(5, alarm.stage().name());
                update.setInt(6, permille);
                return update.executeUpdate();
            }
        });
    }

    @Override
    @CrossTenant("redelivery after a crash serves every tenant; each row keeps its tenant")
    public List<RaisedAlarm> undelivered() {
        return Jdbc.withConnection(dataSource, "listing undelivered alarms", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM sla_alarm WHERE delivered_at IS NULL ORDER BY seq")) {
                select.setMaxRows(MAX_UNDELIVERED);
                return rows(select);
            }
        });
    }

    @Override
    public List<RaisedAlarm> list(TenantId tenant, UUID incidentId) {
        Objects.requireNonNull(tenant, "tenant");
        return Jdbc.withConnection(dataSource, "listing the alarms of incident " + incidentId, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM sla_alarm WHERE tenant_id = ? AND incident_id = ? ORDER BY seq")) {
                select.setObject(1, tenant.value());
                select.setObject(2, incidentId);
                return rows(select);
            }
        });
    }

    private static List<RaisedAlarm> rows(PreparedStatement select) throws SQLException {
        List<RaisedAlarm> alarms = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                ClockAlarm alarm = new ClockAlarm(new TenantId(row.getObject("tenant_id", UUID.class)),
                        row.getObject("incident_id", UUID.class), row.getString("clock"),
                        ClockAlarm.Stage.valueOf(row.getString("stage")), row.getDouble("fraction"),
                        Jdbc.instant(row, "due_at"), Jdbc.instant(row, "raised_at"), row.getString("message"));
                alarms.add(new RaisedAlarm(alarm, row.getInt("permille"), Jdbc.instant(row, "delivered_at")));
            }
        }
        return alarms;
    }
}
