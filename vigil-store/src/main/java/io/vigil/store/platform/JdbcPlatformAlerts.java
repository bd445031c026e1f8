package io.vigil.store.platform;

import io.vigil.soc.platform.OperatorDelivery;
import io.vigil.soc.platform.PlatformAlert;
import io.vigil.soc.platform.PlatformAlertStore;
import io.vigil.soc.platform.QueuedDelivery;
import io.vigil.store.Jdbc;
import io.vigil.store.soc.SocJson;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * {@link PlatformAlertStore} in tables {@code platform_alert} (migration {@code V20}) and {@code
 * platform_alert_delivery} ({@code V21}): installation-level records, no tenant's data. Resolved alerts and ended
 * deliveries older than {@link #KEEP_RESOLVED} are deleted when another one is saved.
 */
public final class JdbcPlatformAlerts implements PlatformAlertStore {

    public static final Duration KEEP_RESOLVED = Duration.ofDays(365);

    private final DataSource dataSource;
    private final Clock clock;

    public JdbcPlatformAlerts(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<PlatformAlert> unresolved() {
        return select("SELECT body FROM platform_alert WHERE resolved = FALSE ORDER BY raised_at", Integer.MAX_VALUE);
    }

    @Override
    public List<PlatformAlert> resolved(int limit) {
        return select("SELECT body FROM platform_alert WHERE resolved = TRUE ORDER BY resolved_at DESC", limit);
    }

    private List<PlatformAlert> select(String sql, int limit) {
        return Jdbc.withConnection(dataSource, "reading platform alerts", connection -> {
            List<PlatformAlert> alerts = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setMaxRows(limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        alerts.add(SocJson.read(rows.getString(1), PlatformAlert.class));
                    }
                }
            }
            return alerts;
        });
    }

    @Override
    public void save(PlatformAlert alert) {
        String body = Jdbc.text(SocJson.write(alert));
        boolean resolved = alert.state() == PlatformAlert.State.RESOLVED;
        Jdbc.inTransaction(dataSource, "saving platform alert " + alert.id(), connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE platform_alert SET resolved = ?, resolved_at = ?, body = ? WHERE id = ?")) {
                update.setBoolean(1, resolved);
                update.setObject(2, Jdbc.timestamp(alert.resolvedAt()));
                update.setString(3, body);
                update.setObject(4, alert.id());
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO platform_alert"
                            + " (id, kind, resolved, raised_at, resolved_at, body) VALUES (?, ?, ?, ?, ?, ?)")) {
                        insert.setObject(1, alert.id());
                        insert.setString(2, alert.kind().code());
                        insert.setBoolean(3, resolved);
                        insert.setObject(4, Jdbc.timestamp(alert.raisedAt()));
                        insert.setObject(5, Jdbc.timestamp(alert.resolvedAt()));
                        insert.setString(6, body);
                        insert.executeUpdate();
                    }
                }
            }
            if (resolved) {
                try (PreparedStatement prune = connection.prepareStatement(
                        "DELETE FROM platform_alert WHERE resolved = TRUE AND resolved_at < ?")) {
                    prune.setObject(1, Jdbc.timestamp(Jdbc.now(clock).minus(KEEP_RESOLVED)));
                    prune.executeUpdate();
                }
            }
            return null;
        });
    }

    @Override
    public List<QueuedDelivery> pendingDeliveries() {
        return Jdbc.withConnection(dataSource, "reading pending operator deliveries", connection -> {
            List<QueuedDelivery> pending = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT body FROM platform_alert_delivery WHERE state = ? ORDER BY created_at, id")) {
                select.setString(1, OperatorDelivery.State.PENDING.name());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        pending.add(SocJson.read(rows.getString(1), QueuedDelivery.class));
                    }
                }
            }
            return pending;
        });
    }

    @Override
    public List<OperatorDelivery> finishedDeliveries(int limit) {
        return Jdbc.withConnection(dataSource, "reading operator deliveries", connection -> {
            List<OperatorDelivery> finished = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT body FROM platform_alert_delivery"
                    + " WHERE state <> ? ORDER BY updated_at DESC, id")) {
                select.setString(1, OperatorDelivery.State.PENDING.name());
                select.setMaxRows(limit);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        finished.add(SocJson.read(rows.getString(1), QueuedDelivery.class).delivery());
                    }
                }
            }
            return finished;
        });
    }

    @Override
    public void saveDelivery(QueuedDelivery queued) {
        OperatorDelivery delivery = queued.delivery();
        String body = Jdbc.text(SocJson.write(queued));
        Jdbc.inTransaction(dataSource, "saving operator delivery " + delivery.id(), connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE platform_alert_delivery SET state = ?, updated_at = ?, body = ? WHERE id = ?")) {
                update.setString(1, delivery.state().name());
                update.setObject(2, Jdbc.timestamp(delivery.updatedAt()));
                update.setString(3, body);
                update.setObject(4, delivery.id());
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO platform_alert_delivery"
                            + " (id, alert_id, state, created_at, updated_at, body) VALUES (?, ?, ?, ?, ?, ?)")) {
                        insert.setObject(1, delivery.id());
                        insert.setObject(2, delivery.alertId());
                        insert.setString(3, delivery.state().name());
                        insert.setObject(4, Jdbc.timestamp(queued.message().at()));
                        insert.setObject(5, Jdbc.timestamp(delivery.updatedAt()));
                        insert.setString(6, body);
                        insert.executeUpdate();
                    }
                }
            }
            if (delivery.state() != OperatorDelivery.State.PENDING) {
                try (PreparedStatement prune = connection.prepareStatement(
                        "DELETE FROM platform_alert_delivery WHERE state <> ? AND updated_at < ?")) {
                    prune.setString(1, OperatorDelivery.State.PENDING.name());
                    prune.setObject(2, Jdbc.timestamp(Jdbc.now(clock).minus(KEEP_RESOLVED)));
                    prune.executeUpdate();
                }
            }
            return null;
        });
    }
}
