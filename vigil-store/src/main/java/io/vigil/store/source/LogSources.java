package io.vigil.store.source;

import io.vigil.core.source.SourceHealth;
import io.vigil.core.source.SourceKey;
import io.vigil.core.source.SourceState;
import io.vigil.core.tenant.TenantId;
import io.vigil.store.CrossTenant;
import io.vigil.store.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Log-source health rows. {@link #saveAll} writes the registry's counters and never touches the expected heartbeat,
 * which only {@link #setHeartbeat} changes, so a periodic save cannot undo a change made through the API.
 */
public final class LogSources {

    private final DataSource dataSource;
    private final Clock clock;

    public LogSources(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Writes every snapshot (insert or update by tenant, input and name), in one transaction. */
    @CrossTenant("the health registry persists all tenants' sources at once; each row carries its tenant")
    public void saveAll(List<SourceHealth> sources) {
        if (sources.isEmpty()) {
            return;
        }
        Jdbc.inTransaction(dataSource, "saving " + sources.size() + " log sources", connection -> {
            Instant now = Jdbc.now(clock);
            try (PreparedStatement update = connection.prepareStatement("UPDATE log_source SET codec = ?, first_seen = ?, "
                    + "last_seen = ?, events = ?, bytes = ?, decode_failures = ?, events_per_second = ?, baseline_per_hour = ?, "
                    + "baseline_hours = ?, state = ?, updated_at = ? WHERE tenant_id = ? AND source_input = ? AND source_name = ?");
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO log_source (codec, first_seen, last_seen, "
                         + "events, bytes, decode_failures, events_per_second, baseline_per_hour, baseline_hours, state, "
                         + "updated_at, tenant_id, source_input, source_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (SourceHealth health : sources) {
                    bind(update, health, now);
                    if (update.executeUpdate() == 0) {
                        bind(insert, health, now);
                        insert.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    private static void bind(PreparedStatement statement, SourceHealth health, Instant now) throws SQLException {
        statement.setString(1, health.codec() == null ? null : Jdbc.text(health.codec()));
        statement.setObject(2, health.firstSeen() == null ? null : Jdbc.timestamp(health.firstSeen()));
        statement.setObject(3, health.lastSeen() == null ? null : Jdbc.timestamp(health.lastSeen()));
        statement.setLong(4, health.events());
        statement.setLong(5, health.bytes());
        statement.setLong(6, health.decodeFailures());
        statement.setDouble(7, health.eventsPerSecond());
        statement.setDouble(8, health.baselinePerHour());
        statement.setInt(9, health.baselineHours());
        statement.setString(10, health.state().name());
        statement.setObject(11, Jdbc.timestamp(now));
        statement.setObject(12, health.key().tenant().value());
        statement.setString(13, Jdbc.text(health.key().input()));
        statement.setString(14, Jdbc.text(health.key().name()));
    }

    /** Sets (or with {@code null} removes) the longest silence allowed, creating the row for a source not seen yet. */
    public void setHeartbeat(TenantId tenant, String input, String name, Duration heartbeat) {
        SourceKey key = new SourceKey(tenant, input, name);
        Jdbc.inTransaction(dataSource, "setting the heartbeat of " + key, connection -> {
            Long seconds = heartbeat == null ? null : heartbeat.toSeconds();
            try (PreparedStatement update = connection.prepareStatement("UPDATE log_source SET expected_heartbeat_seconds = ? "
                    + "WHERE tenant_id = ? AND source_input = ? AND source_name = ?")) {
                setSeconds(update, 1, seconds);
                update.setObject(2, tenant.value());
                update.setString(3, Jdbc.text(input));
                update.setString(4, Jdbc.text(name));
                if (update.executeUpdate() > 0) {
                    return null;
                }
            }
            SourceHealth empty = new SourceHealth(key, null, null, null, 0, 0, 0, 0, 0, 0, null, SourceState.OK);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO log_source (codec, first_seen, last_seen, "
                    + "events, bytes, decode_failures, events_per_second, baseline_per_hour, baseline_hours, state, "
                    + "updated_at, tenant_id, source_input, source_name, expected_heartbeat_seconds) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(insert, empty, Jdbc.now(clock));
                setSeconds(insert, 15, seconds);
                insert.executeUpdate();
            }
            return null;
        });
    }

    private static void setSeconds(PreparedStatement statement, int index, Long seconds) throws SQLException {
        if (seconds == null) {
            statement.setNull(index, java.sql.Types.BIGINT);
        } else {
            statement.setLong(index, seconds);
        }
    }

    public List<SourceHealth> list(TenantId tenant) {
        Objects.requireNonNull(tenant, "tenant");
        return select("SELECT * FROM log_source WHERE tenant_id = ? ORDER BY source_input, source_name", tenant.value());
    }

    public Optional<SourceHealth> find(TenantId tenant, String input, String name) {
        return select("SELECT * FROM log_source WHERE tenant_id = ? AND source_input = ? AND source_name = ?",
                tenant.value(), input, name).stream().findFirst();
    }

    /** @return whether the tenant had this source */
    public boolean delete(TenantId tenant, String input, String name) {
        return Jdbc.withConnection(dataSource, "deleting log source " + input + "/" + name + " of " + tenant, (Connection c) -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM log_source WHERE tenant_id = ? AND source_input = ? AND source_name = ?")) {
                delete.setObject(1, tenant.value());
                delete.setString(2, input);
                delete.setString(3, name);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @CrossTenant("the health registry restores every tenant's sources at start")
    public List<SourceHealth> all() {
        return select("SELECT * FROM log_source ORDER BY tenant_id, source_input, source_name");
    }

    private List<SourceHealth> select(String sql, Object... parameters) {
        return Jdbc.withConnection(dataSource, "reading log sources", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    select.setObject(i + 1, parameters[i]);
                }
                try (ResultSet rows = select.executeQuery()) {
                    List<SourceHealth> found = new ArrayList<>();
                    while (rows.next()) {
                        long heartbeat = rows.getLong("expected_heartbeat_seconds");
                        Duration expected = rows.wasNull() ? null : Duration.ofSeconds(heartbeat);
                        found.add(new SourceHealth(new SourceKey(new TenantId(rows.getObject("tenant_id", UUID.class)),
                                rows.getString("source_input"), rows.getString("source_name")), rows.getString("codec"),
                                Jdbc.instant(rows, "first_seen"), Jdbc.instant(rows, "last_seen"), rows.getLong("events"),
                                rows.getLong("bytes"), rows.getLong("decode_failures"), rows.getDouble("events_per_second"),
                                rows.getDouble("baseline_per_hour"), rows.getInt("baseline_hours"), expected,
                                SourceState.valueOf(rows.getString("state"))));
                    }
                    return found;
                }
            }
        });
    }
}
