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
 * Log-source health rows. {@link #saveAll} writes the registry's counters and detected format and never touches the
 * expected heartbeat or the pinned codec, which only {@link #setHeartbeat} and {@link #setPinnedCodec} change, so a
 * periodic save cannot undo a change made through the API.
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
                    + "baseline_hours = ?, state = ?, updated_at = ?, detected_format = ? WHERE tenant_id = ? AND source_input = ? AND source_name = ?");
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO log_source (codec, first_seen, last_seen, "
                         + "events, bytes, decode_failures, events_per_second, baseline_per_hour, baseline_hours, state, "
                         + "updated_at, detected_format, tenant_id, source_input, source_name) "
                         + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
        statement.setString(12, health.detectedFormat() == null ? null : Jdbc.text(health.detectedFormat()));
        statement.setObject(13, health.key().tenant().value());
        statement.setString(14, Jdbc.text(health.key().input()));
        statement.setString(15, Jdbc.text(health.key().name()));
    }

    /** Sets (or with {@code null} removes) the longest silence allowed, creating the row for a source not seen yet. */
    public void setHeartbeat(TenantId tenant, String input, String name, Duration heartbeat) {
        Long seconds = heartbeat == null ? null : heartbeat.toSeconds();
        setColumn(new SourceKey(tenant, input, name), "expected_heartbeat_seconds", "the heartbeat",
                (statement, index) -> {
                    if (seconds == null) {
                        statement.setNull(index, java.sql.Types.BIGINT);
                    } else {
                        statement.setLong(index, seconds);
                    }
                });
    }

    /** Pins (or with {@code null} unpins) the codec of a source, creating the row for a source not seen yet. */
    public void setPinnedCodec(TenantId tenant, String input, String name, String codec) {
        setColumn(new SourceKey(tenant, input, name), "pinned_codec", "the pinned codec",
                (statement, index) -> statement.setString(index, codec == null ? null : Jdbc.text(codec)));
    }

    private interface Binder {
        void bind(PreparedStatement statement, int index) throws SQLException;
    }

    /** Sets one operator-owned column; {@code column} is one of this class's constants, never input. */
    private void setColumn(SourceKey key, String column, String what, Binder value) {
        Jdbc.inTransaction(dataSource, "setting " + what + " of " + key, connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE log_source SET " + column + " = ? "
                    + "WHERE tenant_id = ? AND source_input = ? AND source_name = ?")) {
                value.bind(update, 1);
                update.setObject(2, key.tenant().value());
                update.setString(3, Jdbc.text(key.input()));
                update.setString(4, Jdbc.text(key.name()));
                if (update.executeUpdate() > 0) {
                    return null;
                }
            }
            SourceHealth empty = new SourceHealth(key, null, null, null, 0, 0, 0, 0, 0, 0, null, SourceState.OK);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO log_source (codec, first_seen, last_seen, "
                    + "events, bytes, decode_failures, events_per_second, baseline_per_hour, baseline_hours, state, "
                    + "updated_at, detected_format, tenant_id, source_input, source_name, " + column + ") "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(insert, empty, Jdbc.now(clock));
                value.bind(insert, 16);
                insert.executeUpdate();
            }
            return null;
        });
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
                                SourceState.valueOf(rows.getString("state")), rows.getString("detected_format"),
                                rows.getString("pinned_codec")));
                    }
                    return found;
                }
            }
        });
    }
}
